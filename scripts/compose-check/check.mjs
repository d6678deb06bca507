// Checks every compose file without a Docker engine (node scripts/compose-check/check.mjs, from CI):
//  1. each file and each combination operators use (base + cluster, base + management), interpolated the way
//     Compose does with a CHAT_JWT_SECRET set, is valid against the Compose Specification's JSON schema
//     (compose-spec.json, see NOTICE); extends, !reset and !override are resolved as Compose resolves them;
//  2. CHAT_JWT_SECRET is required: without it, and with .env.example copied as it is, interpolation stops with the
//     one-line hint;
//  3. what the deployment promises: restart policies, no published management port, the seeded data switch
//     passed through, two or more backend nodes behind the proxy with one shared attachment volume, each node's
//     management port scraped by Prometheus, every mounted config file present;
//  4. README.md's settings table, .env.example, docker-compose.yml and application.yml name the same CHAT_* settings.
// With --metrics it prints the metric names the Grafana dashboard and the alert rules use, one per line (the image
// stage check compares them with a real /actuator/prometheus answer).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const read = (file) => fs.readFileSync(path.join(root, file), 'utf8');
const failures = [];
const fail = (message) => failures.push(message);
let checks = 0;
const check = (condition, message) => { checks++; if (!condition) fail(message); };

// ---- YAML with Compose's merge tags
const RESET = Symbol('reset');
const OVERRIDE = Symbol('override');
const tagged = (symbol) => (value) => ({ [symbol]: true, value });
const customTags = [
  { tag: '!reset', collection: 'seq', resolve: () => ({ [RESET]: true }) },
  { tag: '!reset', collection: 'map', resolve: () => ({ [RESET]: true }) },
  { tag: '!reset', resolve: () => ({ [RESET]: true }) },
  { tag: '!override', collection: 'seq', resolve: (seq) => tagged(OVERRIDE)(seq.toJSON()) },
  { tag: '!override', collection: 'map', resolve: (map) => tagged(OVERRIDE)(map.toJSON()) },
];
const parseYaml = (text, file) => {
  const doc = YAML.parseDocument(text, { customTags, uniqueKeys: true });
  if (doc.errors.length) throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
  return doc.toJS();
};

// ---- interpolation (12-interpolation.md): $$, $NAME, ${NAME}, ${NAME:-d}, ${NAME-d}, ${NAME:?e}, ${NAME?e},
// ${NAME:+r}, ${NAME+r}, nested
function interpolate(text, env, where) {
  let out = '';
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (c !== '$') { out += c; i++; continue; }
    const next = text[i + 1];
    if (next === '$') { out += '$'; i += 2; continue; }
    if (next === '{') {
      let depth = 1; let j = i + 2;
      for (; j < text.length && depth > 0; j++) {
        if (text[j] === '{') depth++;
        else if (text[j] === '}') depth--;
      }
      if (depth !== 0) throw new Error(`${where}: unterminated \${ in "${text}"`);
      out += expand(text.slice(i + 2, j - 1), env, where);
      i = j;
      continue;
    }
    const name = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(text.slice(i + 1));
    if (name) { out += env[name[0]] ?? ''; i += 1 + name[0].length; continue; }
    out += c; i++;
  }
  return out;
}
function expand(body, env, where) {
  const m = /^([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) throw new Error(`${where}: invalid interpolation \${${body}}`);
  const [, name, op, arg = ''] = m;
  const value = env[name];
  const unset = value === undefined;
  const empty = unset || value === '';
  switch (op) {
    case undefined: return value ?? '';
    case ':-': return empty ? interpolate(arg, env, where) : value;
    case '-': return unset ? interpolate(arg, env, where) : value;
    case ':?': if (empty) throw new RequiredVariable(name, interpolate(arg, env, where), where); return value;
    case '?': if (unset) throw new RequiredVariable(name, interpolate(arg, env, where), where); return value;
    case ':+': return empty ? '' : interpolate(arg, env, where);
    case '+': return unset ? '' : interpolate(arg, env, where);
    default: throw new Error(`${where}: unsupported ${op}`);
  }
}
class RequiredVariable extends Error {
  constructor(name, hint, where) { super(`${where}: required variable ${name} is missing a value: ${hint}`); this.variable = name; this.hint = hint; }
}
const interpolateTree = (node, env, where) => {
  if (typeof node === 'string') return interpolate(node, env, where);
  if (Array.isArray(node)) return node.map((v, i) => interpolateTree(v, env, `${where}[${i}]`));
  if (node && typeof node === 'object') {
    const out = {};
    for (const sym of [RESET, OVERRIDE]) if (node[sym]) out[sym] = true;
    if (node[OVERRIDE]) { out.value = interpolateTree(node.value, env, where); return out; }
    for (const [k, v] of Object.entries(node)) out[k] = interpolateTree(v, env, `${where}.${k}`);
    return out;
  }
  return node;
};

// ---- .env files
const parseEnvFile = (text) => {
  const env = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 1) throw new Error(`.env line without '=': ${line}`);
    env[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return env;
};

// ---- loading, extends and merging (13-merge.md, the parts these files use)
function loadFile(file, env) {
  return interpolateTree(parseYaml(read(file), file), env, file);
}
const isMap = (v) => v && typeof v === 'object' && !Array.isArray(v);
const portKey = (p) => (typeof p === 'string' ? p : JSON.stringify(p));
const volumeKey = (v) => (typeof v === 'string' ? v.split(':')[1] ?? v : v.target);
const SEQUENCE_KEYS = { ports: portKey, volumes: volumeKey, expose: String, dns: String, cap_add: String };
function mergeValue(base, local, key) {
  if (isMap(local) && local[RESET]) return undefined;
  if (isMap(local) && local[OVERRIDE]) return local.value;
  if (Array.isArray(base) && Array.isArray(local)) {
    const keyOf = SEQUENCE_KEYS[key];
    if (!keyOf) return local; // command, entrypoint, healthcheck.test ...: replaced
    const merged = new Map(base.map((v) => [keyOf(v), v]));
    for (const v of local) merged.set(keyOf(v), v);
    return [...merged.values()];
  }
  if (isMap(base) && isMap(local)) {
    const out = { ...base };
    for (const [k, v] of Object.entries(local)) {
      const m = mergeValue(base[k], v, k);
      if (m === undefined) delete out[k]; else out[k] = m;
    }
    return out;
  }
  return local;
}
const clean = (node) => { // drops the merge tags that had nothing to reset
  if (Array.isArray(node)) return node.map(clean);
  if (isMap(node)) {
    if (node[RESET]) return undefined;
    if (node[OVERRIDE]) return clean(node.value);
    const out = {};
    for (const [k, v] of Object.entries(node)) { const c = clean(v); if (c !== undefined) out[k] = c; }
    return out;
  }
  return node;
};
function resolveExtends(model, file, env) {
  for (const [name, service] of Object.entries(model.services ?? {})) {
    if (!service.extends) continue;
    const { file: other = file, service: baseName } = service.extends;
    const base = loadFile(other, env).services?.[baseName];
    if (!base) { fail(`${file}: ${name} extends ${other}#${baseName}, which does not exist`); continue; }
    const { extends: _, ...local } = service;
    model.services[name] = mergeValue(clean(base), local, name);
  }
  return model;
}
function compose(files, env) {
  let model = {};
  for (const file of files) model = mergeValue(model, resolveExtends(loadFile(file, env), file, env), '');
  return clean(model);
}

// ---- schema
const ajv = new Ajv({ allErrors: true, strict: false });
// the schema names draft-07 by its https address; Ajv knows the same meta-schema under http
const draft07 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-07.json');
ajv.addMetaSchema({ ...draft07, $id: 'https://json-schema.org/draft-07/schema' });
const validate = ajv.compile(JSON.parse(fs.readFileSync(path.join(here, 'compose-spec.json'), 'utf8')));
function schemaValid(model, label) {
  checks++;
  if (!validate(model)) {
    fail(`${label} does not follow the Compose Specification:\n    ` +
      validate.errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('\n    '));
  }
}

// ---- the files
const FILES = ['docker-compose.yml', 'docker-compose.cluster.yml', 'docker-compose.management.yml'];
const SECRET = { CHAT_JWT_SECRET: 'x'.repeat(48) };

if (process.argv.includes('--metrics')) {
  printMetrics();
  process.exit(0);
}

for (const file of FILES) schemaValid(clean(resolveExtends(loadFile(file, SECRET), file, SECRET)), file);
const base = compose(['docker-compose.yml'], SECRET);
const cluster = compose(['docker-compose.yml', 'docker-compose.cluster.yml'], SECRET);
const managed = compose(['docker-compose.yml', 'docker-compose.management.yml'], SECRET);
schemaValid(cluster, 'docker-compose.yml + docker-compose.cluster.yml');
schemaValid(managed, 'docker-compose.yml + docker-compose.management.yml');

// CHAT_JWT_SECRET is required, with its hint
for (const [label, env] of [['no environment', {}], ['.env.example as it is', parseEnvFile(read('.env.example'))]]) {
  for (const files of [['docker-compose.yml'], ['docker-compose.yml', 'docker-compose.cluster.yml']]) {
    checks++;
    try {
      compose(files, env);
      fail(`${files.join(' + ')} with ${label}: interpolation succeeded without CHAT_JWT_SECRET`);
    } catch (e) {
      if (!(e instanceof RequiredVariable) || e.variable !== 'CHAT_JWT_SECRET' || !/openssl rand/.test(e.hint)) {
        fail(`${files.join(' + ')} with ${label}: expected the CHAT_JWT_SECRET hint, got: ${e.message}`);
      }
    }
  }
}

const backends = (model) => Object.entries(model.services).filter(([, s]) => String(s.image ?? '').startsWith('eventchat-backend'));
const published = (service) => (service.ports ?? []).map((p) => (typeof p === 'string' ? p : `${p.published}:${p.target}`));
const managementPort = (service) => String(service.environment?.CHAT_MANAGEMENT_PORT ?? '8081');

// the base file
for (const [name, service] of Object.entries(base.services)) {
  check(service.restart === 'unless-stopped', `docker-compose.yml: ${name} has no restart: unless-stopped`);
}
const [[, backend]] = backends(base);
check(backend.environment.CHAT_SEED_DEFAULT_DATA === 'true', 'docker-compose.yml: CHAT_SEED_DEFAULT_DATA is not passed (default true)');
check(compose(['docker-compose.yml'], { ...SECRET, CHAT_SEED_DEFAULT_DATA: 'false' }).services.backend.environment.CHAT_SEED_DEFAULT_DATA === 'false',
  'docker-compose.yml: CHAT_SEED_DEFAULT_DATA=false from .env does not reach the backend');
check(!published(backend).some((p) => p.endsWith(`:${managementPort(backend)}`)), 'docker-compose.yml publishes the management port');
check(published(managed.services.backend).some((p) => p === `127.0.0.1:8081:${managementPort(backend)}`),
  'docker-compose.management.yml does not publish the management port on 127.0.0.1');
for (const name of ['prometheus', 'grafana']) {
  check(JSON.stringify(base.services[name]?.profiles) === '["monitoring"]', `docker-compose.yml: ${name} is not in the monitoring profile`);
}

// the cluster
const nodes = backends(cluster);
check(nodes.length >= 2, `cluster: ${nodes.length} backend node(s), want 2 or more`);
for (const [name, node] of nodes) {
  check(published(node).length === 0, `cluster: ${name} publishes ${published(node)}; only the proxy should`);
  check((node.volumes ?? []).some((v) => v === 'attachments:/var/lib/eventchat/attachments'), `cluster: ${name} does not mount the shared attachments volume`);
  check(node.environment.CHAT_FORWARD_HEADERS === 'native', `cluster: ${name} does not trust the proxy's forwarded headers`);
  check(node.environment.CHAT_JWT_SECRET === SECRET.CHAT_JWT_SECRET, `cluster: ${name} does not get the shared CHAT_JWT_SECRET`);
  check(node.restart === 'unless-stopped', `cluster: ${name} has no restart policy`);
}
const proxy = cluster.services.proxy;
check(proxy && published(proxy).includes('8080:8080'), 'cluster: the proxy does not publish the API port');
const caddyfile = read('deploy/caddy/Caddyfile');
for (const [name] of nodes) {
  check(new RegExp(`\\b${name}:\\{\\$CHAT_PORT:8080\\}`).test(caddyfile), `Caddyfile: no upstream for ${name}`);
}
check(/health_uri \/actuator\/health\/readiness/.test(caddyfile) && /health_port \{\$CHAT_MANAGEMENT_PORT:8081\}/.test(caddyfile),
  'Caddyfile: no active health check on the management port');

// Prometheus scrapes every node's management port
for (const [model, label] of [[base, 'base'], [cluster, 'cluster']]) {
  const mount = model.services.prometheus.volumes.find((v) => v.endsWith(':/etc/prometheus/prometheus.yml:ro'));
  const config = YAML.parse(read(mount.split(':')[0]));
  const targets = config.scrape_configs.flatMap((s) => s.static_configs.flatMap((c) => c.targets));
  for (const [name, node] of backends(model)) {
    check(targets.includes(`${name}:${managementPort(node)}`), `${label}: Prometheus does not scrape ${name}:${managementPort(node)}`);
  }
  check(config.scrape_configs.every((s) => s.metrics_path === '/actuator/prometheus'), `${label}: a scrape config misses /actuator/prometheus`);
}

// every bind-mounted file or directory exists
for (const [label, model] of [['base', base], ['cluster', cluster]]) {
  for (const [name, service] of Object.entries(model.services)) {
    for (const v of service.volumes ?? []) {
      const source = typeof v === 'string' ? v.split(':')[0] : v.source;
      if (source.startsWith('./')) check(fs.existsSync(path.join(root, source)), `${label}: ${name} mounts ${source}, which does not exist`);
    }
    const context = typeof service.build === 'string' ? service.build : service.build?.context;
    if (context) check(fs.existsSync(path.join(root, context, 'Dockerfile')), `${label}: ${name} builds ${context} without a Dockerfile`);
  }
}

// one list of settings
const names = (text) => new Set(text.match(/\bCHAT_[A-Z0-9_]*[A-Z0-9]\b/g) ?? []);
const readme = read('README.md');
const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('Tests use their own database'));
const inReadme = names(table);
const inExample = names(read('.env.example'));
const inApplication = names(read('gateway/src/main/resources/application.yml'));
const inCompose = names(FILES.map(read).join('\n'));
const backendEnv = new Set(Object.keys(backend.environment).filter((k) => k.startsWith('CHAT_')));
const missing = (a, b) => [...a].filter((n) => !b.has(n));
const same = (a, an, b, bn) => {
  const m1 = missing(a, b); const m2 = missing(b, a);
  check(m1.length === 0 && m2.length === 0, `${an} and ${bn} differ: only in ${an}: ${m1.join(' ') || '-'}; only in ${bn}: ${m2.join(' ') || '-'}`);
};
same(inReadme, "README.md's table", inExample, '.env.example');
check(missing(inApplication, inReadme).length === 0, `settings of application.yml missing from README.md: ${missing(inApplication, inReadme).join(' ')}`);
check(missing(inApplication, backendEnv).length === 0, `settings of application.yml not passed to the backend by compose: ${missing(inApplication, backendEnv).join(' ')}`);
check(missing(inCompose, inExample).length === 0, `settings used by compose missing from .env.example: ${missing(inCompose, inExample).join(' ')}`);

function printMetrics() {
  const exprs = [];
  const dashboard = JSON.parse(read('deploy/grafana/dashboards/eventchat.json'));
  for (const panel of dashboard.panels) for (const target of panel.targets ?? []) exprs.push(target.expr);
  for (const group of YAML.parse(read('deploy/prometheus/alerts.yml')).groups) for (const rule of group.rules) exprs.push(rule.expr);
  const KEYWORDS = new Set(['sum', 'max', 'min', 'avg', 'by', 'rate', 'histogram_quantile', 'up', 'le', 'without', 'on', 'and', 'or', 'count', 'irate', 'increase']);
  const metrics = new Set();
  for (const expr of exprs) {
    const stripped = expr.replace(/\{[^}]*\}/g, '').replace(/\[[^\]]*\]/g, '').replace(/"[^"]*"/g, '');
    for (const word of stripped.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? []) {
      if (!KEYWORDS.has(word) && /_/.test(word) && !/^(projection|command|instance|status|area)$/.test(word)) metrics.add(word);
    }
  }
  console.log([...metrics].sort().join('\n'));
}

if (failures.length) {
  console.error(`compose-check: ${failures.length} of ${checks} checks failed:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`compose-check: ${FILES.join(', ')} and their combinations follow the Compose Specification; ${checks} checks passed`);
