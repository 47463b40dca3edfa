/*
 * The researcher's work: their studies, each aggregate as a chart and a table in which a suppressed cell (fewer than
 * k trajectories or organisations) is shown as suppressed, never as zero, and CSV and JSON Lines downloads.
 */
(function () {
  'use strict';

  var TT = window.TT;
  var $ = function (id) { return document.getElementById(id); };
  var STUDIES_PER_PAGE = 10;
  var VIEWS = [
    { id: 'trust', title: 'Trust per phase', category: 'phase', series: [['meanPersonTrust', 'in the person'],
      ['meanOrganisationTrust', 'in the organisation']], max: 5, step: 1 },
    { id: 'phase-durations', title: 'Phase durations (median days)', category: 'phase', series: [['medianDays', 'median days']] },
    { id: 'outcomes', title: 'Outcomes', category: 'outcome', series: [['trajectories', 'trajectories']] },
    { id: 'contracts', title: 'Contract forms', category: 'contractModel', series: [['trajectories', 'trajectories']] },
    { id: 'goals', title: 'Goals by quadruple-aim dimension', category: 'dimension', series: [['trajectories', 'trajectories']] },
    { id: 'lessons', title: 'Pitfalls and success factors', category: 'kind', series: [['mentions', 'mentions']] }
  ];
  var studies = { all: [], page: 0, chosen: null, counter: 0 };

  function loadStudies() {
    TT.api('/api/research/studies').then(function (answer) {
      var list = answer.status === 200 ? answer.body : null;
      studies.all = Array.isArray(list) ? list : (list && (list.items || list.studies)) || [];
      studies.page = 0;
      renderStudies();
      if (studies.all.length === 1) { openStudy(studies.all[0]); }
    });
  }

  function renderStudies() {
    var text = $('study-search').value.trim().toLowerCase();
    var matching = studies.all.filter(function (study) {
      return !text || [study.name, study.purpose, study.id].join(' ').toLowerCase().indexOf(text) >= 0;
    });
    var first = studies.page * STUDIES_PER_PAGE;
    var shown = matching.slice(first, first + STUDIES_PER_PAGE);
    var list = TT.clear($('studies'));
    list.setAttribute('data-total', String(matching.length));
    if (!studies.all.length) {
      list.appendChild(TT.el('li', { className: 'muted', text: 'You are bound to no study yet; an administrator binds '
        + 'researchers to studies.' }));
    }
    shown.forEach(function (study) {
      list.appendChild(TT.el('li', {}, [TT.el('button', { type: 'button', className: 'trajectory-link'
        + (studies.chosen && studies.chosen.id === study.id ? ' selected' : ''), 'data-id': study.id,
        onclick: function () { openStudy(study); } }, [
        TT.el('span', { className: 'list-title', text: study.name || study.id }),
        TT.el('span', { className: 'list-meta', text: (study.purpose || '') + ' · k = ' + study.k })])]));
    });
    $('studies-range').textContent = matching.length ? (first + 1) + '–' + (first + shown.length) + ' of ' + matching.length : '';
    $('studies-previous').disabled = studies.page <= 0;
    $('studies-next').disabled = first + shown.length >= matching.length;
  }

  function openStudy(study) {
    studies.chosen = study;
    renderStudies();
    var pane = TT.clear($('study'));
    pane.setAttribute('data-id', study.id);
    pane.appendChild(TT.el('h2', { text: study.name || study.id }));
    pane.appendChild(TT.el('p', { text: study.purpose || '' }));
    pane.appendChild(TT.el('p', { className: 'muted', text: 'Every released cell describes at least k = ' + study.k
      + ' trajectories and ' + study.k + ' organisations; smaller cells are shown as suppressed. Sees '
      + (study.eventTypes && study.eventTypes.length ? study.eventTypes.map(TT.humanise).join(', ') : 'every step type')
      + '.' }));
    var filter = TT.el('form', { className: 'research-filter', id: 'research-filter' }, [
      field('research-party-type', 'Party type', TT.el('select', { id: 'research-party-type' }, [
        TT.el('option', { value: '', text: 'any' })].concat(['INSURER', 'CARE_PROVIDER', 'CARE_OFFICE', 'MUNICIPALITY', 'OTHER']
        .map(function (t) { return TT.el('option', { value: t, text: TT.humanise(t) }); })))),
      field('research-year', 'Started in year', TT.el('input', { id: 'research-year', type: 'number', min: '2000', max: '2100' })),
      TT.el('button', { type: 'submit', text: 'Apply' })]);
    filter.addEventListener('submit', function (event) { event.preventDefault(); loadViews(study); });
    pane.appendChild(filter);
    var histories = TT.el('p', { className: 'downloads-inline' }, ['Anonymised histories: ',
      downloadButton(study, 'histories', 'csv'), ' ', downloadButton(study, 'histories', 'jsonl')]);
    pane.appendChild(histories);
    // the histories lag on purpose (docs/research-privacy.md, When a step appears): say so, or a recent step seems lost
    pane.appendChild(TT.el('p', { className: 'hint', text: 'A trajectory joins the histories once the year it started'
      + ' in has ended, and a step taken d days after its start appears d days after that year\'s end, so that'
      + ' when it appears does not give the start date away. The aggregates are current.' }));
    pane.appendChild(TT.el('p', { id: 'research-download-status', role: 'status' }));
    pane.appendChild(TT.el('div', { id: 'aggregates' }));
    loadViews(study);
  }

  function field(id, text, control) {
    return TT.el('span', { className: 'field inline' }, [TT.el('label', { for: id, text: text }), control]);
  }

  function filterQuery() {
    var parts = [];
    if ($('research-party-type') && $('research-party-type').value) { parts.push('partyType=' + $('research-party-type').value); }
    if ($('research-year') && $('research-year').value) { parts.push('year=' + encodeURIComponent($('research-year').value)); }
    return parts.join('&');
  }

  function viewPath(study, view) {
    var base = '/api/research/studies/' + encodeURIComponent(study.id);
    return view === 'histories' ? base + '/histories' : base + '/aggregates/' + view;
  }

  function downloadButton(study, view, format) {
    return TT.el('button', { type: 'button', className: 'download', 'data-view': view, 'data-format': format,
      text: format.toUpperCase(), 'aria-label': 'Download ' + TT.humanise(view) + ' as ' + format.toUpperCase(),
      onclick: function () {
        // the filter the page shows (applied), not what the inputs hold since: the file matches the page, and says so
        var query = studies.applied || '';
        var filename = 'study-' + study.id + '-' + view + (query ? '-' + query.replace(/[&=]/g, '-') : '')
          + '.' + format;
        var status = $('research-download-status');
        status.textContent = 'Downloading ' + filename + '…';
        TT.download(viewPath(study, view) + '?format=' + format + (query ? '&' + query : ''), filename,
          format === 'csv' ? 'text/csv' : 'application/jsonl').then(function (result) {
          status.textContent = result.status === 200 ? 'Downloaded ' + filename + ' (' + result.size + ' bytes)'
            : 'Could not download ' + filename + ' (' + result.status + ')';
          status.setAttribute('data-file', result.status === 200 ? filename : '');
        });
      } });
  }

  function loadViews(study) {
    var counter = ++studies.counter;
    var holder = TT.clear($('aggregates'));
    holder.setAttribute('data-loaded', 'false');
    var query = filterQuery();
    studies.applied = query;
    var pending = VIEWS.map(function (view) {
      var section = TT.el('section', { className: 'aggregate', 'data-view': view.id,
        'aria-labelledby': 'aggregate-' + view.id }, [TT.el('h3', { id: 'aggregate-' + view.id, text: view.title }),
        TT.el('p', { className: 'muted', text: 'Loading…' })]);
      holder.appendChild(section);
      return TT.api(viewPath(study, view.id) + (query ? '?' + query : '')).then(function (answer) {
        if (counter !== studies.counter) { return; }
        renderView(study, view, section, answer);
      });
    });
    Promise.all(pending).then(function () { if (counter === studies.counter) { holder.setAttribute('data-loaded', 'true'); } });
  }

  /* ---------- one aggregate ---------- */

  /* A suppressed cell names itself as {cell, reason} or {suppressed, reason}. */
  function cellName(cell) {
    if (!cell || typeof cell !== 'object') { return String(cell || ''); }
    return String(cell.cell || (typeof cell.suppressed === 'string' ? cell.suppressed : '') || cell.name || '');
  }

  function isSuppressedValue(value) {
    return value && typeof value === 'object' && (value.suppressed === true || value.status === 'SUPPRESSED');
  }

  function categoryOf(view, row) {
    if (view.id === 'lessons') { return [row.kind, row.phase, row.tag].filter(Boolean).map(TT.humanise).join(' · '); }
    return row[view.category];
  }

  function categoryLabel(view, value) {
    if (view.category === 'phase') { return TT.phaseName(value); }
    if (view.category === 'outcome') { return value === 'ONGOING' ? 'ongoing' : TT.outcomeName(value); }
    if (String(value).indexOf('=') >= 0) {
      // a cell named by its parts ("kind=PITFALL, phase=CO_DESIGN, one tag"): each part's value, as the rows show them
      return String(value).split(', ').map(function (part) {
        return TT.humanise(part.substring(part.indexOf('=') + 1));
      }).join(' · ');
    }
    return TT.humanise(value);
  }

  /* The rows released and the cells suppressed, in one list of entries ordered as the chart shows them. */
  function entries(view, body) {
    var list = [];
    (body.rows || []).forEach(function (row) {
      var suppressed = row.suppressed === true || isSuppressedValue(row[view.series[0][0]]);
      list.push({ key: categoryOf(view, row), row: row, suppressed: suppressed, reason: row.reason || row.suppressionReason });
    });
    (body.suppressed || []).forEach(function (cell) {
      var name = cellName(cell);
      if (name === 'all') { return; }
      var match = new RegExp('^' + view.category + '=([A-Z_]+)$').exec(name);
      var key = match ? match[1] : name;
      if (list.some(function (e) { return e.key === key && e.suppressed; })) { return; }
      list.push({ key: key, row: null, suppressed: true, reason: cell.reason, label: match ? null : name });
    });
    if (view.category === 'phase') {
      list.sort(function (a, b) { return TT.PHASES.indexOf(a.key) - TT.PHASES.indexOf(b.key); });
    }
    return list;
  }

  function renderView(study, view, section, answer) {
    while (section.childNodes.length > 1) { section.removeChild(section.lastChild); }
    if (answer.status !== 200 || !answer.body || typeof answer.body !== 'object') {
      var problem = answer.body && typeof answer.body === 'object' ? answer.body : {};
      section.setAttribute('data-status', String(answer.status));
      section.appendChild(TT.el('p', { className: 'muted', text: problem.code === 'OUTSIDE_STUDY_SCOPE'
        ? 'This study may not see the steps this view is built from.'
        : 'Not available (' + answer.status + (problem.detail ? ': ' + problem.detail : '') + ').' }));
      return;
    }
    var body = answer.body;
    var all = (body.suppressed || []).filter(function (cell) { return cellName(cell) === 'all'; })[0];
    section.appendChild(TT.el('p', { className: 'muted', text: body.trajectories != null
      ? body.trajectories + ' trajectories described (k = ' + body.k + ').'
      : 'Suppressed as a whole: ' + (all ? all.reason : 'the population is smaller than k') + '.' }));
    var list = entries(view, body);
    section.setAttribute('data-released', String(list.filter(function (e) { return !e.suppressed; }).length));
    section.setAttribute('data-suppressed', String(list.filter(function (e) { return e.suppressed; }).length));
    if (list.length) {
      section.appendChild(chart(view, list));
      section.appendChild(table(view, body, list));
    }
    section.appendChild(TT.el('p', { className: 'downloads-inline' }, ['Download: ', downloadButton(study, view.id, 'csv'), ' ',
      downloadButton(study, view.id, 'jsonl')]));
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) { node.textContent = text; }
    return node;
  }

  /* A step of 1, 2, 2.5 or 5 times a power of ten, at least the given one. */
  function niceStep(raw) {
    var power = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
    var choices = [1, 2, 2.5, 5, 10].map(function (f) { return f * power; });
    return choices.filter(function (c) { return c >= raw; })[0];
  }

  function number(value) { return typeof value === 'number' ? value : (value == null || value === '' ? null : Number(value)); }

  /* Grouped bars, one group per entry; a suppressed entry is a hatched slot labelled "suppressed". */
  function chart(view, list) {
    var width = 640, height = 240, left = 52, right = 10, top = 12, bottom = 62;
    var values = [];
    list.forEach(function (e) {
      if (e.row) { view.series.forEach(function (s) { var v = number(e.row[s[0]]); if (v != null && !isNaN(v)) { values.push(v); } }); }
    });
    var step = view.step || niceStep((view.max || Math.max(1, Math.max.apply(null, values.concat([0])))) / 4);
    var max = view.max || step * Math.ceil(Math.max(1, Math.max.apply(null, values.concat([0]))) / step);
    var description = list.map(function (e) {
      return categoryLabel(view, e.key) + ': ' + (e.suppressed ? 'suppressed' : view.series.map(function (s) {
        return s[1] + ' ' + (e.row[s[0]] == null ? 'none' : e.row[s[0]]);
      }).join(', '));
    }).join('; ');
    var chartNode = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img',
      'aria-label': view.title + '. ' + description, class: 'research-chart', 'data-view': view.id });
    var defs = svg('defs', {});
    var pattern = svg('pattern', { id: 'hatch-' + view.id, width: 6, height: 6, patternUnits: 'userSpaceOnUse',
      patternTransform: 'rotate(45)' });
    pattern.appendChild(svg('line', { x1: 0, y1: 0, x2: 0, y2: 6, class: 'hatch' }));
    defs.appendChild(pattern);
    chartNode.appendChild(defs);
    function y(v) { return top + (height - top - bottom) * (1 - v / max); }
    for (var gv = 0; gv <= max + step / 1000; gv += step) {
      chartNode.appendChild(svg('line', { x1: left, x2: width - right, y1: y(gv), y2: y(gv), class: 'grid' }));
      chartNode.appendChild(svg('text', { x: left - 6, y: y(gv) + 4, class: 'label', 'text-anchor': 'end' },
        String(Math.round(gv * 100) / 100)));
    }
    var slot = (width - left - right) / list.length;
    var barWidth = Math.max(4, Math.min(40, (slot - 10) / view.series.length));
    list.forEach(function (e, index) {
      var x0 = left + slot * index + (slot - barWidth * view.series.length) / 2;
      if (e.suppressed) {
        var rect = svg('rect', { x: x0, y: top, width: barWidth * view.series.length, height: height - top - bottom,
          fill: 'url(#hatch-' + view.id + ')', class: 'suppressed-slot', 'data-key': e.key });
        rect.appendChild(svg('title', {}, categoryLabel(view, e.key) + ': suppressed' + (e.reason ? ' (' + e.reason + ')' : '')));
        chartNode.appendChild(rect);
        chartNode.appendChild(svg('text', { x: x0 + barWidth * view.series.length / 2, y: top + 14, class: 'label suppressed-label',
          'text-anchor': 'middle' }, 'suppressed'));
      } else {
        view.series.forEach(function (s, i) {
          var v = number(e.row[s[0]]);
          if (v == null || isNaN(v)) { return; }
          var bar = svg('rect', { x: x0 + i * barWidth, y: y(v), width: barWidth - 2, height: Math.max(0, y(0) - y(v)),
            class: 'bar series-' + i, 'data-key': e.key, 'data-series': s[0] });
          bar.appendChild(svg('title', {}, categoryLabel(view, e.key) + ', ' + s[1] + ': ' + v));
          chartNode.appendChild(bar);
        });
      }
      var label = categoryLabel(view, e.label || e.key);
      chartNode.appendChild(svg('text', { x: left + slot * index + slot / 2, y: height - bottom + 16, class: 'label',
        'text-anchor': 'middle' }, label.length > 22 ? label.substring(0, 21) + '…' : label));
    });
    var legendY = height - 12;
    view.series.forEach(function (s, i) {
      chartNode.appendChild(svg('rect', { x: left + i * 170, y: legendY - 9, width: 10, height: 10, class: 'bar series-' + i }));
      chartNode.appendChild(svg('text', { x: left + i * 170 + 14, y: legendY, class: 'label' }, s[1]));
    });
    chartNode.appendChild(svg('rect', { x: left + view.series.length * 170, y: legendY - 9, width: 10, height: 10,
      fill: 'url(#hatch-' + view.id + ')', class: 'suppressed-slot' }));
    chartNode.appendChild(svg('text', { x: left + view.series.length * 170 + 14, y: legendY, class: 'label' },
      'not described (fewer than k, or to protect another cell)'));
    return chartNode;
  }

  function table(view, body, list) {
    var columns = [];
    (body.rows || []).forEach(function (row) {
      Object.keys(row).forEach(function (key) { if (columns.indexOf(key) < 0 && key !== 'suppressed') { columns.push(key); } });
    });
    if (!columns.length) { columns.push(view.category); }
    var node = TT.el('table', { className: 'aggregate-table' }, [
      TT.el('caption', { className: 'visually-hidden', text: view.title }),
      TT.el('thead', {}, [TT.el('tr', {}, columns.map(function (c) {
        return TT.el('th', { scope: 'col', text: TT.capitalise(TT.humanise(c)) });
      }).concat([TT.el('th', { scope: 'col', text: 'Released' })]))])]);
    var tbody = TT.el('tbody');
    list.forEach(function (e) {
      var cells = columns.map(function (c) {
        if (!e.row) {
          if (c === view.category) { return TT.el('td', { text: e.label || categoryLabel(view, e.key) }); }
          return TT.el('td', { className: 'suppressed-cell', text: 'suppressed' });
        }
        var value = e.row[c];
        if (isSuppressedValue(value)) { return TT.el('td', { className: 'suppressed-cell', text: 'suppressed' }); }
        if (c === view.category) { return TT.el('td', { text: categoryLabel(view, value) }); }
        return TT.el('td', { text: value == null ? '—' : typeof value === 'object' ? JSON.stringify(value) : String(value) });
      });
      cells.push(TT.el('td', { className: e.suppressed ? 'suppressed-cell' : '',
        text: e.suppressed ? 'suppressed' + (e.reason ? ': ' + e.reason : '') : 'yes' }));
      tbody.appendChild(TT.el('tr', { className: e.suppressed ? 'suppressed' : '', 'data-key': String(e.key) }, cells));
    });
    node.appendChild(tbody);
    return node;
  }

  TT.on('signedIn', function (me) {
    if (me.role === 'RESEARCHER') { loadStudies(); }
  });
  TT.on('language', function () {
    if (studies.chosen && TT.session.me && TT.session.me.role === 'RESEARCHER') { loadViews(studies.chosen); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    $('study-search').addEventListener('input', function () { studies.page = 0; renderStudies(); });
    $('studies-previous').addEventListener('click', function () { studies.page = Math.max(0, studies.page - 1); renderStudies(); });
    $('studies-next').addEventListener('click', function () { studies.page++; renderStudies(); });
  });
})();
