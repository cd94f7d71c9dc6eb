/* vanban review: the index table (sort, filter, pages) and the jump from a
   field to its evidence on a document page. Data goes into the page only as
   text nodes (textContent), never as markup. */
(function () {
  'use strict';

  function focusEvidence(item) {
    var marks = document.querySelectorAll('mark[data-ev~="' + CSS.escape(item) + '"]');
    var target = marks[0] || document.getElementById('ev-' + item);
    if (!target) return;
    document.querySelectorAll('mark.focus').forEach(function (m) { m.classList.remove('focus'); });
    marks.forEach(function (m) { m.classList.add('focus'); });
    target.scrollIntoView({ block: 'center' });
    history.replaceState(null, '', '#ev-' + item);
  }

  document.addEventListener('click', function (event) {
    var link = event.target.closest('[data-target]');
    if (!link) return;
    event.preventDefault();
    focusEvidence(link.getAttribute('data-target'));
  });

  var collator = new Intl.Collator('vi');
  var NUMERIC = { n: 1, part: 1, addressees: 1, sections: 1, citations: 1, deadlines: 1, units: 1, recipients: 1, f1: 1 };

  function cellText(row, col) {
    if (col === 'file') return row.file + (row.part ? ' #' + row.part : '');
    if (col === 'error') return row.error ? row.error + ': ' + row.message : '';
    var v = row[col];
    if (v === null || v === undefined) return '';
    if (col === 'f1') return v.toFixed(3);
    return String(v);
  }

  function initIndex(rows) {
    var table = document.getElementById('records');
    var body = table.tBodies[0];
    var cols = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.getAttribute('data-col'); });
    var size = parseInt(document.body.getAttribute('data-page-size'), 10) || 200;
    var state = { page: 0, sort: 'n', dir: 1, filter: '', kind: 'all' };
    var haystack = rows.map(function (r) {
      return cols.map(function (c) { return cellText(r, c); }).join(' ').toLowerCase();
    });
    var errors = rows.filter(function (r) { return r.error; }).length;
    document.getElementById('summary').textContent =
      (rows.length - errors) + ' documents, ' + errors + ' error records';

    function visible() {
      var needle = state.filter.toLowerCase();
      var picked = [];
      for (var i = 0; i < rows.length; i++) {
        var r = rows[i];
        if (state.kind === 'documents' && r.error) continue;
        if (state.kind === 'errors' && !r.error) continue;
        if (needle && haystack[i].indexOf(needle) < 0) continue;
        picked.push(r);
      }
      var col = state.sort, dir = state.dir;
      picked.sort(function (a, b) {
        var x = a[col], y = b[col];
        if (col === 'file') { x = cellText(a, col); y = cellText(b, col); }
        if (col === 'error') { x = a.error || ''; y = b.error || ''; }
        var nx = x === null || x === undefined, ny = y === null || y === undefined;
        if (nx || ny) return nx === ny ? a.n - b.n : (nx ? 1 : -1);
        if (NUMERIC[col]) return (x - y) * dir || a.n - b.n;
        return collator.compare(String(x), String(y)) * dir || a.n - b.n;
      });
      return picked;
    }

    function render() {
      var picked = visible();
      var pages = Math.max(1, Math.ceil(picked.length / size));
      state.page = Math.min(state.page, pages - 1);
      var slice = picked.slice(state.page * size, (state.page + 1) * size);
      var fragment = document.createDocumentFragment();
      slice.forEach(function (r) {
        var tr = document.createElement('tr');
        if (r.error) tr.className = 'error';
        cols.forEach(function (c) {
          var td = document.createElement('td');
          if (NUMERIC[c]) td.className = 'num';
          var text = cellText(r, c);
          if (r.page && (c === 'number' || c === 'file')) {
            var a = document.createElement('a');
            a.href = r.page;
            a.textContent = text || '(no number)';
            td.appendChild(a);
          } else {
            td.textContent = text;
          }
          tr.appendChild(td);
        });
        fragment.appendChild(tr);
      });
      body.replaceChildren(fragment);
      document.getElementById('pageinfo').textContent =
        'page ' + (state.page + 1) + ' of ' + pages + ' (' + picked.length + ' rows)';
      document.getElementById('prev').disabled = state.page === 0;
      document.getElementById('next').disabled = state.page >= pages - 1;
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        th.classList.remove('asc', 'desc');
        if (th.getAttribute('data-col') === state.sort) th.classList.add(state.dir > 0 ? 'asc' : 'desc');
      });
    }

    table.tHead.addEventListener('click', function (event) {
      var th = event.target.closest('th');
      if (!th) return;
      var col = th.getAttribute('data-col');
      state.dir = state.sort === col ? -state.dir : 1;
      state.sort = col;
      state.page = 0;
      render();
    });
    document.getElementById('filter').addEventListener('input', function (e) {
      state.filter = e.target.value; state.page = 0; render();
    });
    document.getElementById('kind').addEventListener('change', function (e) {
      state.kind = e.target.value; state.page = 0; render();
    });
    document.getElementById('prev').addEventListener('click', function () { state.page--; render(); });
    document.getElementById('next').addEventListener('click', function () { state.page++; render(); });
    render();
  }

  if (window.VANBAN_ROWS && document.getElementById('records')) initIndex(window.VANBAN_ROWS);
  if (location.hash.indexOf('#ev-') === 0) focusEvidence(decodeURIComponent(location.hash.slice(4)));
})();
