// Real PHP Twig is the oracle of the differential tests (test/differential). Finds it, and on Debian
// as root with it missing installs Debian's packages; elsewhere prints the command that does.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const TWIG = '/usr/share/php/Twig/autoload.php';
const hasPhp = () => spawnSync('php', ['-r', 'echo extension_loaded("mbstring") ? "y" : "n";'], { encoding: 'utf8' }).stdout === 'y';

export function findPhpTwig() {
  return hasPhp() && existsSync(TWIG);
}

export function ensurePhpTwig() {
  if (findPhpTwig()) return true;
  const debian = existsSync('/etc/debian_version');
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  const pkgs = ['php-cli', 'php-twig', 'php-mbstring'];
  if (debian && root) {
    console.log(`PHP Twig not found: installing Debian's ${pkgs.join(' ')} (the Twig oracle of the differential tests)…`);
    const r = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit' });
    if (r.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...pkgs], { stdio: 'inherit' });
    }
    return findPhpTwig();
  }
  console.error(`PHP Twig (the oracle of the differential tests) is missing. Install it with:\n  sudo apt-get install -y php-cli php-twig php-mbstring\n(the tests expect Debian's layout, ${TWIG})`);
  return false;
}
