// Preloaded into electronegativity (node -r): two fixes of the tool as run here. Its `got` (an
// i18n download at start-up, and the release-list check we skip) fails at once instead of reaching
// out to the network; the tool then uses its bundled en-US texts. Our machines reach no host but the package registries, and an
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

// Its CSV report is written by two fs.writeFile calls started together: the header (flag 'w') and
// the findings (flag 'a'). Run concurrently, the header could land last and overwrite the start of
// the first finding (seen once in CI: a finding that began mid-sample). Written in call order here.
const fs = require('node:fs');
fs.writeFile = function (file, data, options, cb) {
  const done = typeof options === 'function' ? options : cb;
  const opts = typeof options === 'function' ? undefined : options;
  let err = null;
  try { fs.writeFileSync(file, data, opts); } catch (e) { err = e; }
  if (done) process.nextTick(done, err);
};
