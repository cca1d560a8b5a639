// invite-watcher's bookmarklet: saves LinkedIn's invitation manager, as the browser shows it,
// as one file in the download folder, where invite-watcher reads it. It reads nothing else,
// sends nothing anywhere, loads no script and clicks none of LinkedIn's controls; all parsing
// is in Python (watcher/sources/linkedin/page.py), so a redesign is fixed in one place.
//
// Python minifies this file at run time (watcher/cli/bookmarklet_command.py): comments only on
// lines of their own, every statement ends with a semicolon, no "//" anywhere else.
// CAPTURE_FORMAT is replaced with the format the page source reads.
(function () {
  var FORMAT = 'CAPTURE_FORMAT';
  var NOTICE = 'invite-watcher-notice';
  var MANAGER = /^\/mynetwork\/invitation-manager(\/|$)/;
  var SENT = /^\/mynetwork\/invitation-manager\/sent(\/|$)/;

  function clear() {
    var old = document.getElementById(NOTICE);
    if (old) {
      old.remove();
    }
  }

  // LinkedIn enforces Trusted Types, which drops innerHTML: the notice is built node by node.
  function show(title, detail) {
    clear();
    var box = document.createElement('div');
    box.id = NOTICE;
    box.setAttribute('role', 'status');
    box.style.cssText = 'position:fixed;top:16px;right:16px;z-index:2147483647;max-width:380px;' +
      'padding:12px 16px;border-radius:8px;background:#1d2226;color:#fff;' +
      'font:14px/1.4 system-ui,sans-serif;box-shadow:0 4px 12px rgba(0,0,0,.35);cursor:pointer';
    var strong = document.createElement('strong');
    strong.textContent = title;
    var line = document.createElement('div');
    line.textContent = detail;
    box.appendChild(strong);
    box.appendChild(line);
    box.addEventListener('click', clear);
    document.body.appendChild(box);
    setTimeout(function () {
      box.remove();
    }, 10000);
  }

  var path = location.pathname;
  if (!MANAGER.test(path) || SENT.test(path)) {
    show('invite-watcher: nothing saved',
      'This is not LinkedIn\u2019s list of received invitations. Open My Network \u2192 ' +
      'Invitations (linkedin.com/mynetwork/invitation-manager/), then click again.');
    return;
  }
  if (!document.querySelector('a[href*="/in/"]')) {
    show('invite-watcher: nothing saved',
      'No invitation is shown yet: wait for the list to load, then click again.');
    return;
  }

  // The notice of an earlier click must not end up in the file.
  clear();
  var now = new Date();
  var stamp = now.toISOString().slice(0, 19).replace(/:/g, '-') + 'Z';
  var name = 'linkedin-invitations-' + stamp + '.html';
  // The mark the page source reads back: the page's address and the capture time. "<" and ">"
  // are escaped so that no URL can close the comment.
  var mark = JSON.stringify({url: location.href, captured_at: now.toISOString()})
    .replace(/</g, '\\u003c').replace(/>/g, '\\u003e');
  var html = '<!DOCTYPE html>\n<!-- ' + FORMAT + ' ' + mark + ' -->\n' +
    document.documentElement.outerHTML;

  var url = URL.createObjectURL(new Blob([html], {type: 'text/html;charset=utf-8'}));
  var link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.style.display = 'none';
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later, not now: the browser may still be reading the blob for the download.
  setTimeout(function () {
    URL.revokeObjectURL(url);
  }, 60000);
  show('invite-watcher: page saved',
    'Saved as ' + name + ' in your downloads. Invitations not loaded yet (Load more) are not in it.');
})();
