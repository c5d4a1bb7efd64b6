// No cycles between kernel modules (the folders of server/modules): if actions imports skills,
// nothing in skills imports actions, directly or through a third module. Checked on the modules
// alone, since any folder that holds both ends (server/ itself) would close a cycle of its own.
const { options } = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'module-cycle',
      comment: 'Kernel modules depend on each other one way: move the shared piece to the module it belongs to, or pass it in.',
      severity: 'error',
      scope: 'folder',
      from: { path: '^server/modules/([^/]+)' },
      to: { path: '^server/modules/', pathNot: '^server/modules/$1(/|$)', circular: true },
    },
  ],
  options: { ...options, includeOnly: '^server/modules/' },
};
