// Consistency checks between the files of deploy/ that no general linter knows about: the compose file against the
// Dockerfile, the Caddyfile and .env.example, and the Dockerfile's COPY sources against its ignore file.
// Run by deploy/validate.sh: node deploy/validate/check-deploy.mjs. Prints each check; exits 1 on any failure.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const deploy = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(deploy, '..');
const read = (p) => readFileSync(join(deploy, p), 'utf8');
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures++;
};

// --- the Dockerfile ---
const dockerfile = read('Dockerfile').replace(/\\\n/g, ' ');
const healthcheck = JSON.parse(/^HEALTHCHECK .*?CMD (\[.*\])\s*$/m.exec(dockerfile)[1]);
const port = /ASPNETCORE_URLS=http:\/\/\+:(\d+)/.exec(dockerfile)?.[1];
check(port !== undefined, `the image listens on port ${port} (ASPNETCORE_URLS)`);
check(healthcheck.join(' ').includes(`/dev/tcp/127.0.0.1/${port}`) && healthcheck.join(' ').includes('/health/ready'),
  'the image HEALTHCHECK asks /health/ready on that port');
check(/^USER \S+/m.test(dockerfile) && !/^USER (root|0)\b/m.test(dockerfile), 'the runtime stage runs as a non-root user');

// COPY sources from the build context (the repository root) must exist and not be left out by the ignore file.
// Docker's rules: the last pattern that matches a path (or one of its parent folders) decides; "!" re-includes.
const patterns = read('Dockerfile.dockerignore').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  .map((l) => {
    const negate = l.startsWith('!');
    const body = (negate ? l.slice(1) : l).replace(/\/+$/, '');
    const rx = body.split('**').map((part) => part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*')).join('.*');
    return { negate, rx: new RegExp(`^${rx.replace(/^\.\*\//, '(.*/)?')}$`) };
  });
const included = (path) => {
  const prefixes = path.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/'));
  let keep = true;
  for (const { negate, rx } of patterns) if (prefixes.some((p) => rx.test(p))) keep = negate;
  return keep;
};
for (const [, args] of dockerfile.matchAll(/^COPY (?!--from)(.+)$/gm)) {
  const parts = args.trim().split(/\s+/);
  for (const source of parts.slice(0, -1)) {
    const path = source.replace(/\/+$/, '');
    check(existsSync(join(root, path)) && included(path), `COPY ${source}: in the repository and in the build context`);
  }
}
for (const path of ['bot/HelpdeskBot/Catalog/service-catalog.json', 'bot/HelpdeskBot/Outages/service-map.json', 'knowledge/articles/vpn-cannot-connect.md']) {
  if (existsSync(join(root, path))) check(included(path), `${path}: in the build context`);
}
for (const path of ['.git', 'tests', 'helpdesk.db', 'bot/HelpdeskBot/bin', 'knowledge/HelpdeskBot.Knowledge/obj', 'knowledge/evaluation', 'deploy/.env']) {
  check(!included(path), `${path}: left out of the build context`);
}

// --- the compose file ---
const composeText = read('docker-compose.yml');
const envExample = Object.fromEntries(read('.env.example').split('\n').filter((l) => /^[A-Za-z_]\w*=/.test(l))
  .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
const referenced = [...new Set([...composeText.matchAll(/(?<!\$)\$\{([A-Za-z_]\w*)/g)].map((m) => m[1]))];
const unlisted = referenced.filter((v) => !(v in envExample));
check(unlisted.length === 0, `every variable the compose file reads is in .env.example (${referenced.length}${unlisted.length ? `; missing: ${unlisted.join(', ')}` : ''})`);

// Interpolation as compose does it (${VAR}, ${VAR:-default}, ${VAR:?error}, $$), with .env.example's values.
const missing = new Set();
const interpolate = (text, env) => text.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?[-?])([^}]*))?\}/g, (all, name, op, arg) => {
  if (all === '$$') return '$';
  const value = env[name];
  if (op === ':-') return value ? value : arg;
  if (op === '-') return value ?? arg;
  if (op === ':?' || op === '?') {
    if (!value) missing.add(name);
    return value ?? '';
  }
  return value ?? '';
});
interpolate(composeText, envExample);
check([...missing].sort().join(',') === 'API_KEY,POSTGRES_PASSWORD',
  `with .env.example as it is, compose stops for the secrets to fill in: ${[...missing].sort().join(', ')}`);

const compose = parse(interpolate(composeText, { ...envExample, POSTGRES_PASSWORD: 'p', API_KEY: 'k'.repeat(16) }), { merge: true });
const services = compose.services ?? {};
check(['bot-1', 'bot-2', 'postgres', 'proxy'].every((s) => s in services), 'services bot-1, bot-2, postgres, proxy');
for (const [name, service] of Object.entries(services)) {
  for (const [target, { condition }] of Object.entries(service.depends_on ?? {})) {
    check(target in services && (condition !== 'service_healthy' || services[target].healthcheck),
      `${name} depends on ${target} (${condition}), which exists${condition === 'service_healthy' ? ' and has a healthcheck' : ''}`);
  }
  check(Boolean(service.healthcheck), `${name} has a healthcheck`);
}
const bots = ['bot-1', 'bot-2'].map((b) => [b, services[b] ?? {}]);
const indexVolumes = [];
for (const [name, bot] of bots) {
  const env = bot.environment ?? {};
  check(env.Database__Provider === 'PostgreSQL', `${name}: Database__Provider=PostgreSQL`);
  check(/^Host=postgres;/.test(env.ConnectionStrings__Helpdesk ?? ''), `${name}: ConnectionStrings__Helpdesk=Host=postgres;...`);
  check(JSON.stringify(bot.healthcheck?.test) === JSON.stringify(['CMD', ...healthcheck]), `${name}: the same healthcheck as the image`);
  const indexPath = env.Knowledge__IndexPath ?? '';
  const mount = (bot.volumes ?? []).map((v) => String(v).split(':')).find(([, target]) => indexPath.startsWith(`${target}/`));
  check(mount !== undefined && mount[0] in (compose.volumes ?? {}), `${name}: its index folder ${indexPath} is on the named volume ${mount?.[0]}`);
  indexVolumes.push(mount?.[0]);
}
check(new Set(indexVolumes).size === 2, 'the two instances have index volumes of their own');
check(Object.values(services).every((s) => !s.image || /:[\w.-]+$/.test(s.image)), 'every image has a tag');

// --- the Caddyfile ---
// As compose runs it: the {$VAR:default} placeholders (set only when the test runs the file outside compose) at their defaults.
const caddy = read('caddy/Caddyfile').replace(/\{\$[A-Z_]+:([^}]*)\}/g, '$1');
const upstreams = /reverse_proxy ([^{]+)\{/.exec(caddy)?.[1].trim().split(/\s+/) ?? [];
check(JSON.stringify(upstreams) === JSON.stringify(bots.map(([b]) => `${b}:${port}`)), `Caddy spreads requests over ${upstreams.join(' and ')}`);
check(/health_uri \/health\/ready\b/.test(caddy), 'Caddy checks /health/ready actively');
const proxyProbe = /127\.0\.0\.1:(\d+)(\/\S*)/.exec(services.proxy?.healthcheck?.test?.join(' ') ?? '');
check(proxyProbe !== null && new RegExp(`^:${proxyProbe[1]} \\{[^}]*respond ${proxyProbe[2]} `, 'm').test(caddy),
  'the proxy healthcheck asks a port and path the Caddyfile answers');

console.log(`${failures === 0 ? 'all checks passed' : `${failures} check(s) failed`}`);
process.exit(failures === 0 ? 0 : 1);
