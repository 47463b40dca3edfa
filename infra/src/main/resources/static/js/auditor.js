/*
 * The auditor's work: a trajectory's event history as a filterable table (step type, phase, person, organisation,
 * correlation id, both time axes), one event with its metadata and hash chain, the report, the export bundle and the
 * signing key, and a verification overview of the trajectories in the list. Negotiators see the same history and
 * report of their own trajectories.
 */
(function () {
  'use strict';

  var TT = window.TT;
  var $ = function (id) { return document.getElementById(id); };
  var ROWS_PER_PAGE = 25;
  var history = { id: null, events: [], decisions: {}, phases: {}, filtered: [], page: 0, counter: 0 };

  /* ---------- loading the whole history, page by page ---------- */

  function loadHistory() {
    var id = TT.state.id;
    var counter = ++history.counter;
    var base = '/api/trajectories/' + encodeURIComponent(id) + '/history';
    var events = [];
    $('history-count').textContent = 'Loading the history…';
    $('view-history').setAttribute('data-loaded', 'false');
    function page(from) {
      return TT.api(base + '?fromSequence=' + from).then(function (answer) {
        if (answer.status !== 200 || !answer.body) { return answer.status; }
        events = events.concat(answer.body.events || []);
        var next = answer.body.nextFromSequence;
        return next != null && next > from ? page(next) : 200;
      });
    }
    return page(0).then(function (result) {
      if (counter !== history.counter) { return; }
      if (result !== 200) {
        $('history-count').textContent = 'The history is not available (' + result + ').';
        return;
      }
      history.id = id;
      history.events = events;
      history.decisions = {};
      TT.state.decisions.forEach(function (entry) { history.decisions[entry.sequence] = entry; });
      history.phases = phasesOf(events);
      buildFilters();
      applyFilters();
      $('view-history').setAttribute('data-loaded', 'true');
    });
  }

  /* The phase each event belongs to: where the phase state files it, else the phase the trajectory was in. */
  function phasesOf(events) {
    var filed = {};
    TT.collectPoints(TT.state.full, TT.state.decisions).forEach(function (point) { filed[point.seq] = point.phase; });
    var phases = {}, current = 'INTERNAL_PREPARATION';
    events.forEach(function (event) {
      var payload = event.payload || {};
      phases[event.sequence] = filed[event.sequence] || (event.type === 'TrajectoryConcluded' && payload.phase) || current;
      if (event.type === 'PhaseAdvanced' && payload.to) { current = payload.to; }
    });
    return phases;
  }

  function actorOf(event) { return (event.actor && event.actor.principal) || ''; }
  function organisationOf(event) { return (event.actor && event.actor.organisation) || ''; }

  /* ---------- filters ---------- */

  function options(values, all, name) {
    return [TT.el('option', { value: '', text: all })].concat(values.map(function (value) {
      return TT.el('option', { value: value, text: name ? name(value) : value });
    }));
  }

  function distinct(mapper) {
    var seen = {};
    history.events.forEach(function (event) { var v = mapper(event); if (v) { seen[v] = true; } });
    return Object.keys(seen).sort();
  }

  function labelled(id, text, control) {
    return TT.el('div', { className: 'field' }, [TT.el('label', { for: id, text: text }), control]);
  }

  function buildFilters() {
    var form = TT.clear($('history-filters'));
    var usedPhases = TT.PHASES.filter(function (phase) {
      return Object.keys(history.phases).some(function (seq) { return history.phases[seq] === phase; });
    });
    form.appendChild(labelled('history-type', 'Step type', TT.el('select', { id: 'history-type' },
      options(distinct(function (e) { return e.type; }), 'every step', function (t) { return TT.capitalise(TT.humanise(t)); }))));
    form.appendChild(labelled('history-phase', 'Phase', TT.el('select', { id: 'history-phase' },
      options(usedPhases, 'every phase', TT.phaseName))));
    form.appendChild(labelled('history-person', 'Person', TT.el('select', { id: 'history-person' },
      options(distinct(actorOf), 'everyone'))));
    form.appendChild(labelled('history-organisation', 'Organisation', TT.el('select', { id: 'history-organisation' },
      options(distinct(organisationOf), 'every organisation'))));
    form.appendChild(labelled('history-correlation', 'Correlation id', TT.el('input', { id: 'history-correlation',
      type: 'search', placeholder: 'part of an id' })));
    form.appendChild(labelled('history-occurred-from', 'Happened from', TT.el('input', { id: 'history-occurred-from', type: 'date' })));
    form.appendChild(labelled('history-occurred-to', 'Happened until', TT.el('input', { id: 'history-occurred-to', type: 'date' })));
    form.appendChild(labelled('history-recorded-from', 'Recorded from', TT.el('input', { id: 'history-recorded-from', type: 'date' })));
    form.appendChild(labelled('history-recorded-to', 'Recorded until', TT.el('input', { id: 'history-recorded-to', type: 'date' })));
    form.appendChild(TT.el('div', { className: 'field checkbox' }, [
      TT.el('input', { id: 'history-decisions', type: 'checkbox' }),
      TT.el('label', { for: 'history-decisions', text: 'Decisions only' })]));
    form.appendChild(TT.el('button', { type: 'reset', text: 'Clear filters' }));
    form.oninput = function () { history.page = 0; applyFilters(); };
    form.onchange = form.oninput;
    form.onreset = function () { setTimeout(function () { history.page = 0; applyFilters(); }, 0); };
    form.onsubmit = function (event) { event.preventDefault(); };
  }

  function dayBound(id, end) {
    var value = $(id) ? $(id).value : '';
    if (!value) { return null; }
    return Date.parse(value + 'T00:00:00Z') + (end ? 86400000 : 0);
  }

  function applyFilters() {
    var type = $('history-type').value, phase = $('history-phase').value, person = $('history-person').value;
    var organisation = $('history-organisation').value;
    var correlation = $('history-correlation').value.trim().toLowerCase();
    var occurredFrom = dayBound('history-occurred-from'), occurredTo = dayBound('history-occurred-to', true);
    var recordedFrom = dayBound('history-recorded-from'), recordedTo = dayBound('history-recorded-to', true);
    var decisionsOnly = $('history-decisions').checked;
    history.filtered = history.events.filter(function (event) {
      var occurred = TT.time(event.occurredAt), recorded = TT.time(event.recordedAt);
      return (!type || event.type === type)
        && (!phase || history.phases[event.sequence] === phase)
        && (!person || actorOf(event) === person)
        && (!organisation || organisationOf(event) === organisation)
        && (!correlation || String(event.correlationId || '').toLowerCase().indexOf(correlation) >= 0)
        && (occurredFrom == null || occurred >= occurredFrom) && (occurredTo == null || occurred < occurredTo)
        && (recordedFrom == null || recorded >= recordedFrom) && (recordedTo == null || recorded < recordedTo)
        && (!decisionsOnly || history.decisions[event.sequence]);
    });
    var pages = Math.max(1, Math.ceil(history.filtered.length / ROWS_PER_PAGE));
    history.page = Math.min(history.page, pages - 1);
    renderTable();
  }

  function renderTable() {
    var holder = TT.clear($('history-table'));
    var first = history.page * ROWS_PER_PAGE;
    var rows = history.filtered.slice(first, first + ROWS_PER_PAGE);
    $('history-count').textContent = history.filtered.length + ' of ' + TT.count(history.events.length, 'event');
    $('history-count').setAttribute('data-shown', String(history.filtered.length));
    $('history-range').textContent = history.filtered.length
      ? 'rows ' + (first + 1) + '–' + (first + rows.length) : 'no rows';
    $('history-previous').disabled = history.page <= 0;
    $('history-next').disabled = first + rows.length >= history.filtered.length;
    var headers = ['#', 'Happened', 'Recorded', 'Step', 'Phase', 'Person', 'Organisation', 'Correlation id'];
    var table = TT.el('table', { id: 'history-rows' }, [
      TT.el('caption', { className: 'visually-hidden', text: 'Event history of the trajectory' }),
      TT.el('thead', {}, [TT.el('tr', {}, headers.map(function (h) { return TT.el('th', { scope: 'col', text: h }); }))])]);
    var body = TT.el('tbody');
    rows.forEach(function (event) {
      var decision = history.decisions[event.sequence];
      body.appendChild(TT.el('tr', { 'data-seq': String(event.sequence), 'data-type': event.type,
        'data-person': actorOf(event), 'data-decision': decision ? 'true' : 'false' }, [
        TT.el('td', {}, [TT.el('button', { type: 'button', className: 'link open-event', text: '#' + event.sequence,
          'aria-label': 'Open event ' + event.sequence, onclick: function () { showEvent(event); } })]),
        TT.el('td', { text: TT.moment(TT.time(event.occurredAt)) }),
        TT.el('td', { text: TT.moment(TT.time(event.recordedAt)) }),
        TT.el('td', { text: TT.capitalise(TT.humanise(event.type)) + (decision && decision.decision ? ': ' + TT.readable(decision.decision) : '') }),
        TT.el('td', { text: TT.phaseName(history.phases[event.sequence]) }),
        TT.el('td', { text: actorOf(event) }),
        TT.el('td', { text: organisationOf(event) }),
        TT.el('td', {}, [TT.el('code', { text: event.correlationId || '' })])
      ]));
    });
    table.appendChild(body);
    holder.appendChild(table);
  }

  /* ---------- one event ---------- */

  function showEvent(event) {
    var panel = TT.clear($('event-detail'));
    panel.hidden = false;
    panel.setAttribute('data-seq', String(event.sequence));
    panel.appendChild(TT.el('h3', { text: 'Event #' + event.sequence + ': ' + TT.capitalise(TT.humanise(event.type)) }));
    var previous = history.events.filter(function (e) { return e.sequence === event.sequence - 1; })[0];
    var facts = TT.el('dl');
    function fact(name, value, code) {
      if (value == null || value === '') { return; }
      facts.appendChild(TT.el('dt', { text: name }));
      facts.appendChild(TT.el('dd', {}, [code ? TT.el('code', { text: String(value) }) : String(value)]));
    }
    fact('Event id', event.eventId, true);
    fact('Global position', event.globalPosition);
    fact('Phase', TT.phaseName(history.phases[event.sequence]));
    fact('Happened (occurredAt)', event.occurredAt);
    fact('Recorded (recordedAt)', event.recordedAt);
    fact('Person', actorOf(event));
    fact('Organisation', organisationOf(event));
    fact('Correlation id', event.correlationId, true);
    fact('Causation id', event.causationId, true);
    fact('prev', event.prev, true);
    fact('hash', event.hash, true);
    if (previous) {
      fact('Chain', previous.hash === event.prev ? 'prev is the hash of event #' + previous.sequence
        : 'prev does NOT match the hash of event #' + previous.sequence);
    } else if (event.sequence === 0) {
      fact('Chain', 'the first event: prev is all zeros');
    }
    panel.appendChild(facts);
    panel.appendChild(TT.el('h4', { text: 'Metadata' }));
    panel.appendChild(TT.el('pre', { id: 'event-metadata', tabindex: '0', text: JSON.stringify(event.metaData || {}, null, 2) }));
    panel.appendChild(TT.el('h4', { text: 'Payload' }));
    panel.appendChild(TT.el('pre', { id: 'event-payload', tabindex: '0', text: JSON.stringify(event.payload || {}, null, 2) }));
    panel.appendChild(TT.el('button', { type: 'button', text: 'Close', onclick: function () { panel.hidden = true; } }));
    panel.focus();
  }

  /* ---------- report and proof ---------- */

  function renderAuditLinks() {
    var panel = TT.clear($('audit-links'));
    var id = TT.state.id;
    var base = '/api/trajectories/' + encodeURIComponent(id);
    var asOf = TT.state.asOf != null ? new Date(TT.state.asOf).toISOString() : null;
    var query = asOf ? '&asOf=' + encodeURIComponent(asOf) : '';
    panel.appendChild(TT.el('h3', { text: 'Report and proof' }));
    panel.appendChild(TT.el('p', { className: 'muted', text: asOf
      ? 'The report shows the state as of ' + TT.moment(TT.state.asOf) + ' (the timeline\'s moment).'
      : 'The report shows the state now; move the timeline\'s slider for an earlier moment.' }));
    var statusBox = TT.el('p', { id: 'download-status', role: 'status' });
    function button(id, text, path, filename, accept) {
      return TT.el('li', {}, [TT.el('button', { type: 'button', id: id, text: text, onclick: function () {
        statusBox.textContent = 'Downloading ' + filename + '…';
        TT.download(path, filename, accept).then(function (result) {
          statusBox.textContent = result.status === 200 ? 'Downloaded ' + filename + ' (' + result.size + ' bytes)'
            : 'Could not download ' + filename + ' (' + result.status + ')';
          statusBox.setAttribute('data-file', result.status === 200 ? filename : '');
          statusBox.setAttribute('data-bytes', String(result.size || 0));
        });
      } })]);
    }
    var list = TT.el('ul', { className: 'downloads' }, [
      TT.el('li', {}, [TT.el('button', { type: 'button', id: 'open-report-html', text: 'Open the report (HTML)',
        onclick: function () { openHtml(base + '/report?format=html' + query); } })]),
      button('download-report-pdf', 'Download the report (PDF)', base + '/report?format=pdf' + query,
        'audit-report-' + id + '.pdf', 'application/pdf'),
      button('download-report-json', 'Download the report (JSON)', base + '/report?format=json' + query,
        'audit-report-' + id + '.json', 'application/json'),
      button('download-export', 'Download the export bundle (for offline verification)', base + '/export',
        'trajectory-' + id + '-bundle.json', 'application/json'),
      button('download-public-key', 'Download the public signing key (PEM)', '/api/audit/public-key',
        'tracker-public-key.pem', '*/*'),
      button('download-tree-head', 'Download the signed tree head', '/api/audit/tree-head', 'tree-head.json',
        'application/json')
    ]);
    panel.appendChild(list);
    panel.appendChild(statusBox);
  }

  function openHtml(path) {
    var opened = window.open('', '_blank');
    TT.api(path, { accept: 'text/html' }).then(function (answer) {
      if (!opened) { return; }
      if (answer.status !== 200) { opened.document.body.textContent = 'Could not load the report (' + answer.status + ')'; return; }
      showReport(opened, String(answer.body));
    });
  }

  /*
   * The report is put into the new window by this page, under this page's Content-Security-Policy (no inline style,
   * no script): its content is imported inert (a parsed document's scripts never run, and any are dropped), and its
   * one style block becomes a constructed style sheet, which the policy allows, instead of an inline <style>.
   */
  function showReport(opened, html) {
    // the style block is taken out before parsing: even a parsed document's <style> is refused (and reported)
    var css = [];
    var parsed = new DOMParser().parseFromString(html.replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, function (all, rules) {
      css.push(rules);
      return '';
    }), 'text/html');
    Array.prototype.forEach.call(parsed.querySelectorAll('style, script, link, meta, base'), function (node) {
      node.parentNode.removeChild(node);
    });
    var doc = opened.document;
    doc.title = parsed.title;
    doc.documentElement.setAttribute('lang', parsed.documentElement.getAttribute('lang') || 'en');
    doc.documentElement.replaceChild(doc.importNode(parsed.body, true), doc.body);
    var sheet = new opened.CSSStyleSheet();
    sheet.replaceSync(css.join('\n'));
    doc.adoptedStyleSheets = [sheet];
    doc.documentElement.setAttribute('data-report', 'shown');
  }

  /* ---------- the verification overview ---------- */

  var overviewRun = 0;

  function renderOverview() {
    // a newer render (the list reloaded) replaces this one: its pending answers must not touch the new table
    var run = ++overviewRun;
    TT.show('verification-overview');
    var holder = TT.clear($('verification-table'));
    var items = TT.session.list.items || [];
    var table = TT.el('table', { id: 'verification-rows' }, [
      TT.el('caption', { className: 'visually-hidden', text: 'Verification of the listed trajectories' }),
      TT.el('thead', {}, [TT.el('tr', {}, ['Trajectory', 'Status', 'Verification', 'Events', 'Signatures', 'First break']
        .map(function (h) { return TT.el('th', { scope: 'col', text: h }); }))])]);
    var body = TT.el('tbody');
    table.appendChild(body);
    holder.appendChild(table);
    holder.setAttribute('data-done', 'false');
    var rows = items.map(function (item) {
      var cells = [TT.el('td', {}, [TT.el('button', { type: 'button', className: 'link', text: item.title || item.id,
          onclick: function () { TT.openTrajectory(item.id); } })]),
        TT.el('td', { text: item.status === 'CONCLUDED' ? 'concluded' + (item.outcome ? ': ' + TT.outcomeName(item.outcome) : '')
          : TT.phaseName(item.phase) }),
        TT.el('td', { className: 'result', text: 'checking…' }), TT.el('td'), TT.el('td'), TT.el('td')];
      var row = TT.el('tr', { 'data-id': item.id }, cells);
      body.appendChild(row);
      return { item: item, row: row, cells: cells };
    });
    var index = 0;
    function next() {
      if (run !== overviewRun || index >= rows.length) { return Promise.resolve(); }
      var entry = rows[index++];
      return TT.api('/api/trajectories/' + encodeURIComponent(entry.item.id) + '/verify').then(function (answer) {
        if (run !== overviewRun) { return; }
        var v = answer.status === 200 && answer.body ? answer.body : null;
        var result = v ? v.status : 'UNAVAILABLE';
        entry.row.setAttribute('data-result', result);
        entry.cells[2].textContent = v ? (v.status === 'OK' ? 'intact' : v.status === 'BROKEN' ? 'BROKEN' : 'not verified')
          : 'not available (' + answer.status + ')';
        entry.cells[2].className = 'result ' + String(result).toLowerCase();
        entry.cells[3].textContent = v ? String(v.eventsChecked) : '';
        entry.cells[4].textContent = v ? TT.humanise(v.signatures) : '';
        entry.cells[5].textContent = v && v.firstBreak ? '#' + v.firstBreak.sequence + ' ' + TT.humanise(v.firstBreak.kind)
          + (v.firstBreak.reason ? ': ' + v.firstBreak.reason : '') : '';
        return next();
      });
    }
    // done only when both workers finished: the one that finds no row left may still wait for the other's answer
    Promise.all([next(), next()]).then(function () {
      if (run === overviewRun) { holder.setAttribute('data-done', 'true'); }
    });
    TT.api('/api/audit/breaks').then(function (answer) {
      if (run !== overviewRun) { return; }
      var summary = $('breaks-summary');
      if (answer.status !== 200) { summary.textContent = 'The list of trajectories that do not verify is not available.'; return; }
      var breaks = Array.isArray(answer.body) ? answer.body : (answer.body && (answer.body.items || answer.body.breaks)) || [];
      summary.textContent = breaks.length ? breaks.length + ' trajectories do not verify (of all you may see): '
        + breaks.map(function (b) { return b.trajectoryId || b.id || JSON.stringify(b); }).join(', ')
        : 'Every trajectory you may see verifies against the signed log.';
      summary.setAttribute('data-breaks', String(breaks.length));
    });
  }

  TT.on('trajectoryLoaded', function () {
    renderAuditLinks();
    history.id = null;
    $('event-detail').hidden = true;
    if (!$('view-history').hidden) { loadHistory(); }
  });
  TT.on('tab', function (tab) {
    if (tab === 'tab-history' && history.id !== TT.state.id) { loadHistory(); }
    if (tab === 'tab-audit') { renderAuditLinks(); }
  });
  TT.on('listLoaded', function () {
    if (!$('verification-overview').hidden) { renderOverview(); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    $('verification-overview-button').addEventListener('click', renderOverview);
    TT.route('verification', function () {
      if (!$('verification-overview-button').hidden) { renderOverview(); } else { TT.show('welcome'); }
    });
    $('history-previous').addEventListener('click', function () { history.page = Math.max(0, history.page - 1); renderTable(); });
    $('history-next').addEventListener('click', function () { history.page++; renderTable(); });
  });
})();
