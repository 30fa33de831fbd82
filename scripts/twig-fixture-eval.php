<?php
// Helper of scripts/convert-twig-fixtures.mjs (not used by the tests). Reads a JSON job from the file
// given as argument and prints a JSON answer:
//   {"mode": "data", "items": [{"data": "<php code>", "config": "<php code>|null", "prune": [names]}]}
//     -> [{"data": value, "config": value, "substituted": [...]} | {"error": "..."}]
//        The DATA and CONFIG sections of a fixture are PHP code ending in `return [...]`. Traversable
//        objects become plain arrays and Twig\Markup its string (listed in "substituted"); any other
//        object is not representable as JSON data. An array whose key order a JavaScript object would
//        not keep (integer keys after string keys) is rejected too. Classes of Twig's test suite do not
//        exist here: they are declared empty, so the variables listed in "prune" can be dropped.
//   {"mode": "render", "cases": [{"template", "data", "autoescape", "strictVariables"}]}
//     -> [{"output": "..."} | {"error": "Class: message"}]
//        Renders with the real Twig installed by Debian's php-twig, set up like Twig's integration
//        harness (the `global` global, UTC, no cache). One template name per case: Twig keys compiled
//        classes by name and source but not by autoescape.
require_once '/usr/share/php/Twig/autoload.php';
date_default_timezone_set('UTC');
$job = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);

function normalise($v, string $path, array &$notes)
{
    if ($v instanceof \Twig\Markup) {
        $notes[] = "$path: Twig\\Markup replaced by its string";
        return (string) $v;
    }
    if ($v instanceof \Traversable) {
        $notes[] = "$path: " . get_class($v) . ' replaced by its plain array';
        $v = iterator_to_array($v);
    }
    if (is_object($v) || is_resource($v)) {
        throw new \RuntimeException("$path is not representable as JSON data (" . (is_object($v) ? get_class($v) : 'resource') . ')');
    }
    if (!is_array($v)) {
        return $v;
    }
    $keys = array_keys($v);
    if ($keys !== range(0, count($v) - 1) || [] === $v) {
        // A JavaScript object lists canonical array-index keys first, ascending, then the others in order.
        $idx = array_values(array_filter($keys, fn ($k) => is_int($k) && $k >= 0 && $k < 4294967295));
        sort($idx);
        $js = array_merge($idx, array_values(array_filter($keys, fn ($k) => !(is_int($k) && $k >= 0 && $k < 4294967295))));
        if ($js !== $keys && [] !== $v) {
            throw new \RuntimeException("$path has a key order a JSON object cannot keep");
        }
    }
    $out = [];
    foreach ($v as $k => $x) {
        $out[$k] = normalise($x, "$path.$k", $notes);
    }
    return $out;
}

function evaluate(?string $code)
{
    if (null === $code || '' === trim($code)) {
        return null;
    }
    return (function () use ($code) { return eval($code . ';'); })();
}

$out = [];
if ('data' === $job['mode']) {
    spl_autoload_register(function (string $class) {
        $at = strrpos($class, '\\');
        $ns = false === $at ? '' : 'namespace ' . substr($class, 0, $at) . '; ';
        eval($ns . 'class ' . (false === $at ? $class : substr($class, $at + 1)) . ' {}');
    });
    foreach ($job['items'] as $item) {
        try {
            $notes = [];
            $data = evaluate($item['data']) ?? [];
            foreach ($item['prune'] ?? [] as $name) {
                unset($data[$name]);
            }
            $data = normalise($data, 'data', $notes);
            $config = evaluate($item['config'] ?? null) ?? [];
            // An empty PHP array is a JSON list; data and config are mappings.
            $out[] = ['data' => (object) $data, 'config' => (object) $config, 'substituted' => $notes];
        } catch (\Throwable $e) {
            $out[] = ['error' => $e->getMessage()];
        }
    }
} else {
    foreach ($job['cases'] as $i => $c) {
        try {
            $name = "case{$i}.twig";
            $twig = new \Twig\Environment(new \Twig\Loader\ArrayLoader([$name => $c['template']]), [
                'autoescape' => $c['autoescape'],
                'strict_variables' => $c['strictVariables'],
                'cache' => false,
            ]);
            $twig->addGlobal('global', 'global');
            $out[] = ['output' => $twig->render($name, is_array($c['data']) ? $c['data'] : [])];
        } catch (\Throwable $e) {
            $out[] = ['error' => get_class($e) . ': ' . $e->getMessage()];
        }
    }
}
echo json_encode($out, JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES | JSON_PRESERVE_ZERO_FRACTION | JSON_INVALID_UTF8_SUBSTITUTE);
