// Import boundaries of the kernel and its extensions (docs/kernel.md). `npm run lint:boundaries`
// checks them, with .dependency-cruiser-modules.cjs (cycles between modules); CI runs it beside the
// typecheck, and server/boundaries.test.ts runs both in the test suite.
//
// A kernel module is a folder of server/modules. Another module may import only its public files,
// listed here; everything else in the folder is the module's own. Test files are not cruised: a
// test may reach into whatever it checks.

/** Each module's public files (relative to server/modules/<module>/). */
const PUBLIC_FILES = {
  actions: ['engine.ts', 'effects/effect.ts'],
  auth: ['users.ts'],
  benefits: ['service.ts'],
  developer: ['realm.ts', 'applications.ts'],
  schedules: ['service.ts', 'kinds/definition.ts'],
  skills: ['service.ts', 'conditions/condition.ts'],
};

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const publicFile = `^server/modules/(${Object.entries(PUBLIC_FILES)
  .flatMap(([module, files]) => files.map((file) => `${module}/${escape(file)}`))
  .join('|')})$`;

/** What an extension may import besides its own folder: the kernel's one entry, shared code, packages. */
const EXTENSION_MAY_IMPORT = ['^server/extensions/api\\.ts$', '^shared/', '(^|/)node_modules/'];
/** What its web pages (extensions/<id>/client/) may import besides: the client's entry for extensions. */
const EXTENSION_PAGES_MAY_IMPORT = [...EXTENSION_MAY_IMPORT, '^client/extension-api\\.ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-internals',
      comment: 'A kernel module imports another only through its public files (PUBLIC_FILES in .dependency-cruiser.cjs).',
      severity: 'error',
      from: { path: '^server/modules/([^/]+)/' },
      to: { path: '^server/modules/', pathNot: ['^server/modules/$1/', publicFile] },
    },
    {
      name: 'extension-outside-api',
      comment: 'An extension reaches the kernel only through server/extensions/api.ts (besides shared/ and npm packages), and no other extension.',
      severity: 'error',
      from: { path: '^extensions/([^/]+)/', pathNot: '^extensions/[^/]+/client/' },
      to: { dependencyTypesNot: ['core'], pathNot: ['^extensions/$1/', ...EXTENSION_MAY_IMPORT] },
    },
    {
      name: 'extension-page-outside-api',
      comment: 'An extension\'s web pages reach the client only through client/extension-api.ts (besides what the extension may import).',
      severity: 'error',
      from: { path: '^extensions/([^/]+)/client/' },
      to: { dependencyTypesNot: ['core'], pathNot: ['^extensions/$1/', ...EXTENSION_PAGES_MAY_IMPORT] },
    },
    {
      name: 'kernel-imports-extension',
      comment: 'The kernel knows its bundled extensions through server/extensions/bundled.ts only.',
      severity: 'error',
      from: { path: '^(server|database)/', pathNot: '^server/extensions/bundled\\.ts$' },
      to: { path: '^extensions/' },
    },
    {
      name: 'shared-imports-app',
      comment: 'shared/ is used by the server, the web client and extensions alike, so it imports none of them.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: '^(server|client|extensions|database)/' },
    },
  ],
  options: {
    doNotFollow: { path: '(^|/)node_modules/' },
    // Test files, and an extension's test/ folder (its tests' shared helpers), are not cruised.
    exclude: { path: '\\.test\\.tsx?$|^extensions/[^/]+/test/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: they couple modules as much as any other.
    tsPreCompilationDeps: true,
  },
};
