// The first step of `npm start`, `npm run dev` and `npm run dist`. It must run on the old Node it
// turns away, so it is plain ES5: no const/let, no arrow functions, no optional chaining.
'use strict';

// Electron 45, @electron/get 5 and electron-store 12 (conf 16) load ES modules with require(),
// which Node does without a flag from 22.12 on.
var NEEDED = [22, 12, 0];

function isOldNode(version) {
  var parts = String(version).replace(/^v/, '').split('.');
  for (var i = 0; i < NEEDED.length; i++) {
    var n = parseInt(parts[i], 10) || 0;
    if (n !== NEEDED[i]) return n < NEEDED[i];
  }
  return false;
}

if (isOldNode(process.versions.node)) {
  var have = process.versions.node;
  var want = NEEDED.join('.');
  console.error(
    '收银台助手需要 Node.js ' +
      want +
      ' 或更新的版本（现在是 ' +
      have +
      '）：请从 https://nodejs.org 安装 Node.js 22 或 24 的 LTS 版本，再运行一次。' +
      '\n' +
      'Counter Assist needs Node.js ' +
      want +
      ' or newer (this is ' +
      have +
      '): install the Node.js 22 or 24 LTS release from https://nodejs.org and run the command again.'
  );
  process.exit(1);
}
