// Preloaded into electronegativity (node -r): its `got` (an i18n download at start-up, and the
// release-list check we skip) fails at once instead of reaching out to the network. The tool then
// uses its bundled en-US texts. Our machines reach no host but the package registries, and an
// unanswered request made 1.10.3 crash on a late retry timer (p-cancelable, newer Node).
const Module = require('node:module');
const load = Module._load;
const offline = () => Promise.reject(new Error('offline: no network requests from the scan'));
offline.head = offline;
offline.get = offline;
Module._load = function (request, parent, isMain) {
  if (request === 'got') return offline;
  return load.call(this, request, parent, isMain);
};
