<?php
// Renders a batch of Twig templates with real PHP Twig, in one process (used by php-twig.ts, which
// starts one process per autoescape mode).
// Usage: php twig-render.php cases.json  -> prints a JSON array of {output} or {error}, one per case.
// Each case: {"template": string, "data": object, "autoescape": bool}
// Environment mirrors the engine's contract: strict_variables off, UTC, no cache.
require_once '/usr/share/php/Twig/autoload.php';
date_default_timezone_set('UTC');
$cases = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$out = [];
foreach ($cases as $i => $c) {
    try {
        // One template name per case: Twig keys its compiled classes by name, source and options but
        // not by autoescape, so the same source in both modes would otherwise reuse the first class.
        $name = "case{$i}";
        $loader = new \Twig\Loader\ArrayLoader([$name => $c['template']]);
        $twig = new \Twig\Environment($loader, [
            'autoescape' => $c['autoescape'] ? 'html' : false,
            'strict_variables' => false,
            'cache' => false,
        ]);
        $data = $c['data'];
        $out[] = ['output' => $twig->render($name, is_array($data) ? $data : [])];
    } catch (\Throwable $e) {
        $out[] = ['error' => get_class($e) . ': ' . $e->getMessage()];
    }
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
