// The `counter-assist` command as one file, out/cli/counter-assist.cjs, run by `npm run build`
// after electron-vite. The installed app runs it with its own binary (ELECTRON_RUN_AS_NODE=1).
//
// CommonJS on purpose: esbuild then keeps every module a command imports behind that command's
// `import()`, and a package's `require` runs only when the module needing it first runs. In an
// ES module bundle every external import would be hoisted and loaded at start.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * A package left in node_modules (not bundled) behind a stand-in that answers for it and
 * `require`s the real one on first use. `exports` is the stand-in's module body; it reaches the
 * package through `real()`.
 */
function lazyPackage(pkg, exports) {
  const namespace = `lazy-${pkg}`;
  const filter = new RegExp(`^${pkg}$`);
  return {
    name: namespace,
    setup(b) {
      // The stand-in's own require is the real, external package; every other import gets the stand-in.
      b.onResolve({ filter }, (args) => (args.namespace === namespace ? { path: pkg, external: true } : { path: pkg, namespace }));
      b.onLoad({ filter: /.*/, namespace }, () => ({
        contents: `let loaded;\nconst real = () => (loaded ??= require(${JSON.stringify(pkg)}));\n${exports}`,
        loader: 'js',
        resolveDir: root,
      }));
    },
  };
}

/**
 * serialport carries a native binding that cannot be bundled, and loading it costs about as much
 * as the rest of a short command. The transports import it at their top, so the stand-in loads it
 * on first use: `code 51` and `search` never load it. The transports use only
 * `new SerialPort(options)` and `SerialPort.list()`.
 */
const lazySerialport = lazyPackage(
  'serialport',
  `function SerialPort(options) { return new (real().SerialPort)(options); }
SerialPort.list = () => real().SerialPort.list();
module.exports = { SerialPort };`,
);

/**
 * mqtt and the packages under it (websockets, socks, workers) were two fifths of the bundle, parsed
 * at every start and run as soon as something imported them — and the fleet modules are reached from
 * the core every command opens. Like serialport they stay in node_modules (the app ships them in
 * app.asar for its own main process) behind a stand-in, and load when a fleet command connects:
 * `code 51` and `status` neither parse nor run them. The fleet code uses only
 * `mqtt.connect(url, options)` (types aside).
 */
const lazyMqtt = lazyPackage('mqtt', 'module.exports = { connect: (url, options) => real().connect(url, options) };');

/**
 * zod's translated error messages: 40 languages, a quarter of the bundle, parsed and run at every
 * start. The project never reads `z.locales` (zod's English messages are set up from their own file,
 * and every message a person reads is ours), so the CLI ships without the rest.
 */
const noZodLocales = {
  name: 'no-zod-locales',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: 'zod-locales', namespace: 'no-zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'no-zod-locales' }, () => ({ contents: 'export {};', loader: 'js' }));
  },
};

await build({
  absWorkingDir: root,
  entryPoints: ['src-main/cli/main.ts'],
  outfile: 'out/cli/counter-assist.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Less to parse at every start; names stay, so a stack trace still reads.
  minifyWhitespace: true,
  minifySyntax: true,
  // Search imports pinyin-pro and opencc-js (0.7 MB of dictionaries) with import() when a query
  // needs them: left in node_modules, `code 51` does not even parse them.
  external: ['@serialport/*', 'pinyin-pro', 'opencc-js', 'opencc-js/*'],
  plugins: [lazySerialport, lazyMqtt, noZodLocales],
  // paths.ts finds the shipped content from the module's own location.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: 'const importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  legalComments: 'none',
  logLevel: 'warning',
});
