// Keyboard shortcuts on the task list (the help panel lists them): j or down arrow, k or up arrow move
// through the rows; Enter or o opens the selected task; c claims it with the row's own claim form (and its
// CSRF token); / goes to the filter; ? opens the help. A shortcut never fires while the user types in a field,
// while an input method is composing, or with Ctrl, Alt or Meta held (those belong to the browser and to
// assistive technology). The table keeps its roles: selecting a row moves the focus to its first link, which
// screen readers announce as they would any link, and marks the row for the eye. Without this script the list
// works as well, and the help button stays hidden.
document.addEventListener('DOMContentLoaded', function () {
  var help = document.getElementById('keys-help');
  var opener = document.getElementById('keys-open');
  if (!help || !opener || typeof help.showModal !== 'function') {
    return;
  }
  var closer = document.getElementById('keys-close');
  var returnTo = null;
  opener.hidden = false;

  var rows = function () {
    return Array.prototype.slice.call(document.querySelectorAll('table.tasks tbody tr'));
  };
  var selected = function () {
    return document.querySelector('table.tasks tbody tr.kbd-selected');
  };
  var select = function (row) {
    var before = selected();
    if (before) {
      before.classList.remove('kbd-selected');
    }
    row.classList.add('kbd-selected');
    var link = row.querySelector('td a[href]');
    if (link) {
      link.focus();
    }
  };
  var move = function (step) {
    var all = rows();
    if (all.length === 0) {
      return;
    }
    var index = all.indexOf(selected());
    var next = index < 0 ? (step > 0 ? 0 : all.length - 1) : Math.min(all.length - 1, Math.max(0, index + step));
    select(all[next]);
  };
  var openHelp = function () {
    returnTo = document.activeElement;
    help.showModal();
    closer.focus();
  };

  opener.addEventListener('click', openHelp);
  closer.addEventListener('click', function () {
    help.close();
  });
  // Esc closes the dialog natively; however it closes, the focus goes back to where it was
  help.addEventListener('close', function () {
    // back to the row's link the user was on, or else to the button (never lost on the page's body)
    var target = returnTo && returnTo !== document.body && document.contains(returnTo) ? returnTo : opener;
    returnTo = null;
    target.focus();
  });
  // a row clicked or tabbed into becomes the selected one, so the keys go on from there
  document.querySelectorAll('table.tasks tbody tr').forEach(function (row) {
    row.addEventListener('focusin', function () {
      var before = selected();
      if (before !== row) {
        if (before) {
          before.classList.remove('kbd-selected');
        }
        row.classList.add('kbd-selected');
      }
    });
  });

  var typing = function (target) {
    return target instanceof Element
      && (target.closest('input, textarea, select, [contenteditable]') !== null || target.isContentEditable);
  };

  document.addEventListener('keydown', function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || event.isComposing
        || event.keyCode === 229 || help.open || typing(event.target)) {
      return;
    }
    var row = selected();
    var inTable = event.target instanceof Element && event.target.closest('table.tasks') !== null;
    switch (event.key) {
      case 'j':
        move(1);
        break;
      case 'k':
        move(-1);
        break;
      case 'ArrowDown':
      case 'ArrowUp':
        // the arrows scroll the page as ever, unless the user is already moving through the rows
        if (!row || !inTable) {
          return;
        }
        move(event.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'o':
      case 'Enter':
        // Enter on a link or button does what it always does
        if (!row || (event.key === 'Enter' && event.target instanceof Element
            && event.target.closest('a[href], button') !== null)) {
          return;
        }
        var link = row.querySelector('td a[href]');
        if (!link) {
          return;
        }
        window.location.assign(link.href);
        break;
      case 'c':
        var claim = row && row.querySelector('form[action*="/claim"]');
        if (!claim) {
          return;
        }
        claim.requestSubmit();
        break;
      case '/':
        var filter = document.querySelector('form.filters select, form.filters input:not([type=hidden])');
        if (!filter) {
          return;
        }
        filter.focus();
        break;
      case '?':
        openHelp();
        break;
      default:
        return;
    }
    event.preventDefault();
  });
});
