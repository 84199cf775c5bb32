// Jest's global set-up and tear-down: the Redis and PostgreSQL the tests need. Where the machine's
// own answer on their usual ports (127.0.0.1:6379, 127.0.0.1:5432), the tests use them; where they
// do not, a throwaway server is started from the binaries on this machine, on a free loopback port
// in a folder of its own, and stopped at the end; where the binary is missing, the run stops with
// one message naming the Debian package. TEST_REDIS_URL and PG_TEST_URL, when set, are used as
// they are; SG_TEST_SERVERS=own starts throwaway servers even where the machine's answer. Plain
// JavaScript: Jest loads it before any transform.
const { execFileSync, spawn } = require('node:child_process');
const { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const started = [];
const own = process.env.SG_TEST_SERVERS === 'own';

function answers(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(check, what) {
  for (let waited = 0; waited < 15_000; waited += 100) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not answer within 15 s`);
}

function onPath(binary) {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

async function redis() {
  if (process.env.TEST_REDIS_URL || (!own && (await answers(6379)))) return;
  if (!onPath('redis-server')) {
    throw new Error(
      'Redis does not answer on 127.0.0.1:6379 and redis-server is not installed: apt-get install -y redis-server',
    );
  }
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'sg-test-redis-'));
  const server = spawn(
    'redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      folder,
    ],
    { stdio: 'ignore' },
  );
  started.push(() => {
    server.kill('SIGTERM');
    rmSync(folder, { recursive: true, force: true });
  });
  await until(() => answers(port), `redis-server on port ${port}`);
  process.env.TEST_REDIS_URL = `redis://127.0.0.1:${port}`;
}

function postgresBinaries() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const version = readdirSync(root).sort().pop();
  const bin = version && join(root, version, 'bin');
  return bin && existsSync(join(bin, 'initdb')) ? bin : null;
}

async function postgres() {
  if (process.env.PG_TEST_URL || (!own && (await answers(5432)))) return;
  const bin = postgresBinaries();
  if (!bin) {
    throw new Error(
      'PostgreSQL does not answer on 127.0.0.1:5432 and is not installed: apt-get install -y postgresql',
    );
  }
  const port = await freePort();
  const folder = mkdtempSync(join(tmpdir(), 'sg-test-postgres-'));
  const data = join(folder, 'data');
  // PostgreSQL will not run as root: as root, the server runs as the package's postgres user.
  const asRoot = process.getuid && process.getuid() === 0;
  const run = (binary, args) =>
    asRoot
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, binary), ...args], {
          stdio: 'ignore',
        })
      : execFileSync(join(bin, binary), args, { stdio: 'ignore' });
  if (asRoot)
    chownSync(folder, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), 0);
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8']);
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(folder, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off`,
    'start',
  ]);
  started.push(() => {
    try {
      run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
  run('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'test']);
  process.env.PG_TEST_URL = `postgres://postgres@127.0.0.1:${port}/test`;
}

module.exports = {
  async setup() {
    await redis();
    await postgres();
  },
  async teardown() {
    for (const stop of started.splice(0).reverse()) stop();
  },
};
