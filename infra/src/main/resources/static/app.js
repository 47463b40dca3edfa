/*
 * Trajectory Tracker: the web tool of negotiators, auditors and researchers. Plain JS, no build, no external
 * resources. This file holds what every role shares (the API, signing in, the trajectory list, the timeline);
 * js/forms.js, js/negotiator.js, js/auditor.js and js/researcher.js add the work of each role.
 */
(function () {
  'use strict';

  var PHASES = ['INTERNAL_PREPARATION', 'CO_DESIGN', 'NEGOTIATION', 'RUNNING_AGREEMENT', 'AFTER_AGREEMENT'];
  var DEFAULT_PHASE_NAMES = {
    INTERNAL_PREPARATION: 'Internal preparation', CO_DESIGN: 'Co-design', NEGOTIATION: 'Negotiation',
    RUNNING_AGREEMENT: 'Running agreement', AFTER_AGREEMENT: 'After the agreement'
  };
  var SECTIONS = {
    internalPreparation: 'INTERNAL_PREPARATION', coDesign: 'CO_DESIGN', negotiation: 'NEGOTIATION',
    runningAgreement: 'RUNNING_AGREEMENT', afterAgreement: 'AFTER_AGREEMENT'
  };
  var OUTCOMES = {
    AGREEMENT_FULFILLED: 'agreement fulfilled', FALLBACK_TO_BATNA: 'fell back to the BATNA', ABANDONED: 'abandoned'
  };
  var LABEL_KEYS = ['decision', 'goal', 'batna', 'interest', 'development', 'agreement', 'ambition', 'aim', 'issue',
    'question', 'name', 'summary', 'description', 'value', 'message', 'lesson', 'success', 'pitfall', 'factor',
    'action', 'fact', 'option', 'principle', 'obstacle', 'note', 'text'];
  var REASON_KEYS = ['rationale', 'why', 'answerWhy', 'reason', 'overrideReason', 'resolution', 'impact',
    'challenge', 'note', 'summary', 'explanation', 'purpose'];
  var TOKEN_KEY = 'trajectoryTracker.token';
  var LANGUAGE_KEY = 'trajectoryTracker.language';
  var PAGE_SIZE = 10;

  var $ = function (id) { return document.getElementById(id); };
  var state = { id: null, full: null, decisions: [], points: [], min: 0, max: 0, asOf: null, knownAt: false };
  var session = { me: null, playbooks: {}, list: { page: 0, total: 0, items: [] }, listCounter: 0 };
  var listeners = {};
  var loadCounter = 0;

  function token() { return sessionStorage.getItem(TOKEN_KEY); }
  function language() { return localStorage.getItem(LANGUAGE_KEY) || 'en'; }

  /* One call of the API with the signed-in token: {status, body (parsed JSON or text), headers}. */
  function api(path, options) {
    options = options || {};
    var headers = { 'Accept': options.accept || 'application/json' };
    if (token()) { headers['Authorization'] = 'Bearer ' + token(); }
    Object.keys(options.headers || {}).forEach(function (name) { headers[name] = options.headers[name]; });
    var init = { method: options.method || 'GET', headers: headers };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    return fetch(path, init).then(function (response) {
      tokenRefused(response.status);
      return response.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
        return { status: response.status, body: body, headers: response.headers };
      });
    }, function (error) { return { status: 0, body: String(error), headers: null }; });
  }

  /* A token revoked (or an account removed) while signed in: signed out, and told why, not left on a stale page. */
  function tokenRefused(status) {
    if (status !== 401 || !session.me) { return; }
    signOut();
    $('welcome-text').textContent =
      'Your token is no longer accepted (revoked, or its account changed): sign in again.';
  }

  /* Fetches a file with the token and hands it to the browser as a download (links cannot carry the token). */
  function download(path, filename, accept) {
    var headers = { 'Accept': accept || '*/*' };
    if (token()) { headers['Authorization'] = 'Bearer ' + token(); }
    return fetch(path, { headers: headers }).then(function (response) {
      tokenRefused(response.status);
      if (!response.ok) { return { status: response.status, size: 0 }; }
      return response.blob().then(function (blob) {
        var url = URL.createObjectURL(blob);
        var link = el('a', { href: url, download: filename });
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        return { status: response.status, size: blob.size, type: blob.type };
      });
    }, function () { return { status: 0, size: 0 }; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value == null || value === false) { return; }
      if (key === 'text') { node.textContent = value; }
      else if (key === 'className') { node.className = value; }
      // through the CSSOM: the Content-Security-Policy refuses style attributes (style-src 'self')
      else if (key === 'style') { node.style.cssText = value; }
      else if (key.indexOf('on') === 0) { node.addEventListener(key.substring(2), value); }
      else { node.setAttribute(key, value === true ? '' : value); }
    });
    (children || []).forEach(function (child) {
      if (child == null) { return; }
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } return node; }
  function time(value) { return value ? Date.parse(value) : NaN; }
  function day(ms) { return isNaN(ms) ? '' : new Date(ms).toISOString().substring(0, 10); }
  function moment(ms) { return isNaN(ms) ? '' : new Date(ms).toISOString().replace('T', ' ').substring(0, 16) + ' UTC'; }
  function humanise(key) {
    var text = String(key == null ? '' : key);
    if (text === text.toUpperCase()) { return text.replace(/_/g, ' ').toLowerCase(); }
    return text.replace(/([A-Z])/g, ' $1').replace(/_/g, ' ').toLowerCase().trim();
  }
  /* A text the service wrote with phase names as constants ("From INTERNAL_PREPARATION to CO_DESIGN"), in words. */
  function readable(text) {
    return text == null ? text : String(text).replace(new RegExp('\\b(' + PHASES.join('|') + ')\\b', 'g'),
      function (phase) { return phaseName(phase); });
  }
  /* "1 event", "2 events": a count with its noun. */
  function count(n, singular, plural) { return n + ' ' + (n === 1 ? singular : (plural || singular + 's')); }
  function capitalise(text) { return text ? text.charAt(0).toUpperCase() + text.substring(1) : text; }

  function on(event, handler) { (listeners[event] = listeners[event] || []).push(handler); }
  function emit(event, value) { (listeners[event] || []).forEach(function (handler) { handler(value); }); }

  /* ---------- the playbook: readable names in English and Dutch ---------- */

  function playbook(version) {
    var key = version || 'current';
    if (!session.playbooks[key]) {
      session.playbooks[key] = api(version ? '/api/playbook/versions/' + encodeURIComponent(version) : '/api/playbook')
        .then(function (answer) { return answer.status === 200 ? answer.body : null; });
    }
    return session.playbooks[key];
  }

  function localised(text) {
    if (!text) { return ''; }
    if (typeof text === 'string') { return text; }
    return text[language()] || text.en || text.nl || '';
  }

  var names = { phases: {}, questions: {}, topics: {} };

  function learnNames(book) {
    if (!book) { return; }
    (book.phases || []).forEach(function (phase) {
      names.phases[phase.phase] = phase.name;
      (phase.topics || []).forEach(function (topic) {
        names.topics[topic.id] = topic.title;
        (topic.questions || []).forEach(function (question) { names.questions[question.id] = question.text; });
      });
    });
  }

  function phaseName(phase) {
    if (!phase) { return ''; }
    if (phase === 'ANY') { return 'Any phase'; }
    return localised(names.phases[phase]) || DEFAULT_PHASE_NAMES[phase] || humanise(phase);
  }

  function questionText(id) { return localised(names.questions[id]) || id; }

  function outcomeName(outcome) { return OUTCOMES[outcome] || humanise(outcome); }

  /* ---------- signing in ---------- */

  function signIn(event) {
    if (event) { event.preventDefault(); }
    var value = $('token').value.trim();
    if (value) { sessionStorage.setItem(TOKEN_KEY, value); $('token').value = ''; }
    start();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    session.me = null;
    document.body.removeAttribute('data-role');
    clear($('trajectories'));
    ['trajectory', 'list-pane', 'research', 'new-trajectory', 'verification-overview'].forEach(function (id) {
      $(id).hidden = true;
    });
    $('welcome').hidden = false;
    $('welcome-text').textContent = 'Paste an API token and sign in.';
    $('who').textContent = 'Not signed in';
    $('who').removeAttribute('data-signed-in');
    $('sign-out-button').hidden = true;
    $('sign-in').hidden = false;
    $('token').focus();
    Array.prototype.forEach.call(document.querySelectorAll('form[data-unsent]'), sent);
    if (location.hash) { history.replaceState(null, '', location.pathname + location.search); }
    emit('signedOut');
  }

  function start() {
    if (!token()) { return; }
    $('who').textContent = 'Signing in…';
    Promise.all([api('/api/me'), playbook()]).then(function (answers) {
      var me = answers[0];
      learnNames(answers[1]);
      if (me.status === 401) {
        sessionStorage.removeItem(TOKEN_KEY);
        $('who').textContent = 'Token not accepted: it is unknown or revoked.';
        return;
      }
      if (me.status !== 200 || !me.body) {
        $('who').textContent = 'Could not sign in (' + me.status + ').';
        return;
      }
      session.me = me.body;
      var role = me.body.role;
      document.body.setAttribute('data-role', role);
      $('who').textContent = 'Signed in as ' + me.body.name + ' · ' + humanise(role)
        + (me.body.organisation ? ' of ' + me.body.organisation : '')
        + (role === 'RESEARCHER' ? ' · ' + count((me.body.studies || []).length, 'study', 'studies') : '');
      $('who').setAttribute('data-signed-in', 'true');
      $('who').setAttribute('data-role', role);
      $('sign-out-button').hidden = false;
      $('sign-in').hidden = true;
      $('welcome').hidden = role === 'RESEARCHER';
      $('welcome-text').textContent = role === 'NEGOTIATOR'
        ? 'Choose a trajectory of ' + me.body.organisation + ' on the left, or start a new one.'
        : role === 'AUDITOR' ? 'Choose a trajectory on the left, or open the verification overview.'
        : 'Administrators manage accounts, tokens and studies through the API (see the README); they see no '
          + 'trajectory content.';
      if (role === 'NEGOTIATOR' || role === 'AUDITOR') {
        $('list-pane').hidden = false;
        $('new-trajectory-button').hidden = role !== 'NEGOTIATOR';
        $('verification-overview-button').hidden = role !== 'AUDITOR';
        $('tab-record').hidden = role !== 'NEGOTIATOR';
        loadList(0);
      } else if (role === 'RESEARCHER') {
        $('research').hidden = false;
      }
      emit('signedIn', me.body);
      followAddress();
    });
  }

  /* ---------- the trajectory list: searched and paged by the server ---------- */

  function listQuery(page) {
    var query = '?page=' + page + '&size=' + PAGE_SIZE;
    var text = $('list-text').value.trim();
    if (text) { query += '&text=' + encodeURIComponent(text); }
    if ($('list-phase').value) { query += '&phase=' + $('list-phase').value; }
    if ($('list-status').value) { query += '&status=' + $('list-status').value; }
    return query;
  }

  function loadList(page) {
    if (!token()) { return Promise.resolve(); }
    var counter = ++session.listCounter;
    $('list-message').textContent = 'Loading…';
    $('trajectories').setAttribute('aria-busy', 'true');
    return api('/api/trajectories' + listQuery(page)).then(function (answer) {
      if (counter !== session.listCounter) { return; }
      var list = clear($('trajectories'));
      list.removeAttribute('aria-busy');
      if (answer.status !== 200 || !answer.body) {
        $('list-message').textContent = answer.status === 403 ? 'Trajectories are for negotiators and auditors.'
          : 'Could not load trajectories (' + answer.status + ').';
        return;
      }
      var body = answer.body;
      session.list = { page: body.page, total: body.total, items: body.items || [] };
      $('list-message').textContent = body.total ? '' : 'No trajectories match.';
      var first = body.page * body.size;
      $('list-range').textContent = body.total ? (first + 1) + '–' + (first + body.items.length) + ' of ' + body.total
        : '0 of 0';
      $('list-previous').disabled = body.page <= 0;
      $('list-next').disabled = first + body.items.length >= body.total;
      list.setAttribute('data-total', String(body.total));
      list.setAttribute('data-page', String(body.page));
      session.list.items.forEach(function (item) {
        var parties = (item.parties || []).map(function (p) { return p.organisationName + ' (' + humanise(p.type) + ')'; });
        var status = item.status === 'CONCLUDED'
          ? 'concluded in phase ' + (PHASES.indexOf(item.phase) + 1) + ' (' + phaseName(item.phase).toLowerCase() + ')'
            + (item.outcome ? ': ' + outcomeName(item.outcome) : '')
          : phaseName(item.phase) + ' · ' + humanise(item.status);
        list.appendChild(el('li', {}, [el('button', {
          type: 'button', className: 'trajectory-link' + (item.id === state.id ? ' selected' : ''), 'data-id': item.id,
          'data-outcome': item.outcome || '',
          onclick: function () { openTrajectory(item.id); }
        }, [
          el('span', { className: 'list-title', text: item.title || item.id }),
          el('span', { className: 'list-meta', text: parties.join(' · ') }),
          el('span', { className: 'list-meta' + (item.outcome ? ' outcome ' + item.outcome.toLowerCase() : ''),
            text: status + ' · last activity ' + day(time(item.lastActivityAt)) })
        ])]));
      });
      emit('listLoaded', session.list);
    });
  }

  function debounce(action, ms) {
    var timer = null;
    return function () { clearTimeout(timer); timer = setTimeout(action, ms); };
  }

  /* ---------- main views ---------- */

  function show(viewId) {
    ['welcome', 'new-trajectory', 'verification-overview', 'trajectory', 'research'].forEach(function (id) {
      $(id).hidden = id !== viewId;
    });
    remember();
  }

  /* ---------- the address: what is open, as a hash route (#/trajectories/<id>/<tab>, #/new, #/verification) ---------- */

  var ROUTE_TABS = { timeline: 'tab-timeline', record: 'tab-record', history: 'tab-history', audit: 'tab-audit' };
  var routes = {};
  var routeTimer = null;

  /* A view of a role's script that has an address of its own: '#/' + name opens it. */
  function route(name, open) { routes[name] = open; }

  function routed() { return session.me && (session.me.role === 'NEGOTIATOR' || session.me.role === 'AUDITOR'); }

  function currentRoute() {
    if (!$('trajectory').hidden && state.id) {
      var tab = document.querySelector('[role=tab][aria-selected=true]');
      return '#/trajectories/' + encodeURIComponent(state.id) + '/' + (tab ? tab.id.substring(4) : 'timeline');
    }
    if (!$('new-trajectory').hidden) { return '#/new'; }
    if (!$('verification-overview').hidden) { return '#/verification'; }
    return '#/';
  }

  function addressed() { return location.hash && location.hash !== '#' ? location.hash : '#/'; }

  /* Writes what is open into the address once the action settles, one history entry per action. */
  function remember() {
    if (routeTimer) { return; }
    routeTimer = setTimeout(function () {
      routeTimer = null;
      if (!routed()) { return; }
      var now = currentRoute();
      if (addressed() !== now) { location.hash = now; }
    }, 0);
  }

  /* Opens what the address names: after signing in (a reload, a bookmark, a link) and on Back and Forward. */
  function followAddress() {
    if (!routed()) { return; }
    var hash = addressed();
    if (hash === currentRoute()) { return; }
    var parts = hash.substring(2).split('/');
    if (parts[0] === 'trajectories' && parts[1]) {
      var id = decodeURIComponent(parts[1]);
      var tab = ROUTE_TABS[parts[2]];
      if (!tab || $(tab).hidden) { tab = 'tab-timeline'; }
      if (id === state.id && !$('trajectory').hidden) { selectTab(tab); } else { openTrajectory(id, tab); }
    } else if (routes[parts[0]]) {
      routes[parts[0]]();
    } else {
      show('welcome');
    }
  }

  /* ---------- text typed and not sent: leaving the page asks first ---------- */

  function typed(event) {
    var form = event.target && event.target.closest ? event.target.closest('#new-trajectory form, #view-record form') : null;
    if (form) { form.setAttribute('data-unsent', 'true'); }
  }

  /* A form whose text the service recorded: leaving no longer asks for it. */
  function sent(form) { if (form) { form.removeAttribute('data-unsent'); } }

  function leaving(event) {
    if (!document.querySelector('form[data-unsent=true]')) { return; }
    event.preventDefault();
    event.returnValue = '';
  }

  function selectTab(tabId) {
    Array.prototype.forEach.call(document.querySelectorAll('[role=tab]'), function (tab) {
      var selected = tab.id === tabId;
      tab.setAttribute('aria-selected', selected ? 'true' : 'false');
      tab.tabIndex = selected ? 0 : -1;
      $(tab.getAttribute('aria-controls')).hidden = !selected;
    });
    remember();
    emit('tab', tabId);
  }

  /* ---------- one trajectory ---------- */

  /* keepTab: true keeps the tab shown, a tab's id selects that tab, else the timeline. */
  function openTrajectory(id, keepTab) {
    var counter = ++loadCounter;
    state.id = id;
    show('trajectory');
    $('trajectory').setAttribute('data-loaded', 'false');
    $('trajectory').setAttribute('data-id', id);
    Array.prototype.forEach.call(document.querySelectorAll('.trajectory-link'), function (b) {
      b.classList.toggle('selected', b.getAttribute('data-id') === id);
    });
    if (typeof keepTab === 'string') { selectTab(keepTab); } else if (!keepTab) { selectTab('tab-timeline'); }
    var base = '/api/trajectories/' + encodeURIComponent(id);
    return Promise.all([api(base + '/phases'), api(base + '/decisions'), api(base + '/trust'), api(base + '/monitoring')])
      .then(function (answers) {
        if (counter !== loadCounter) { return; }
        var phases = answers[0], decisions = answers[1];
        if (phases.status !== 200) {
          $('trajectory-title').textContent = phases.status === 404 ? 'No such trajectory (or not yours to see)'
            : 'Could not load the trajectory (' + phases.status + ')';
          return;
        }
        return playbook(phases.body.state.playbookVersion).then(function (book) {
          if (counter !== loadCounter) { return; }
          learnNames(book);
          state.playbook = book;
          state.full = phases.body.state;
          state.version = phases.body.version;
          state.decisions = decisions.status === 200 ? (decisions.body.entries || []) : [];
          state.trust = answers[2].status === 200 ? answers[2].body : null;
          state.monitoring = answers[3].status === 200 ? answers[3].body : null;
          var full = state.full;
          $('trajectory-title').textContent = full.title || id;
          $('trajectory-meta').textContent = (full.parties || []).map(function (p) { return p.organisationName; }).join(' and ')
            + ' · playbook ' + (full.playbookVersion || '?') + ' · version ' + full.version;
          showConclusion(full.conclusion);
          var points = collectPoints(full, state.decisions);
          var times = points.map(function (p) { return p.at; }).filter(function (t) { return !isNaN(t); });
          (full.progress || []).forEach(function (p) { if (p.enteredAt) { times.push(time(p.enteredAt)); } });
          if (!times.length) { times.push(Date.now()); }
          state.min = Math.min.apply(null, times);
          state.max = Math.max.apply(null, times.concat([state.min + 86400000]));
          state.breaks = phaseBreaks(full);
          var slider = $('as-of');
          slider.min = String(Math.floor(state.min / 60000));
          slider.max = String(Math.ceil(state.max / 60000));
          slider.value = slider.max;
          state.asOf = null;
          asOfText('now');
          $('as-of-note').textContent = '';
          $('known-at').checked = false;
          render(full, state.decisions, null);
          renderMonitoring(state.monitoring, null);
          loadVerification(base, counter);
          $('trajectory').setAttribute('data-version', String(full.version));
          $('trajectory').setAttribute('data-phase', full.currentPhase || '');
          $('trajectory').setAttribute('data-loaded', 'true');
          emit('trajectoryLoaded', state);
        });
      });
  }

  function showConclusion(conclusion) {
    var line = $('trajectory-conclusion');
    line.hidden = !conclusion;
    clear(line);
    if (!conclusion) { return; }
    line.className = 'conclusion ' + String(conclusion.outcome).toLowerCase();
    line.appendChild(el('strong', { text: 'Concluded: ' + outcomeName(conclusion.outcome) }));
    line.appendChild(document.createTextNode(' in ' + phaseName(conclusion.phase).toLowerCase()
      + (conclusion.recorded ? ' on ' + day(time(conclusion.recorded.occurredAt)) : '')
      + (conclusion.why ? ' — ' + conclusion.why : '')));
  }

  function loadVerification(base, counter) {
    var verification = $('verification'), history = $('history-summary');
    verification.className = 'badge muted'; verification.textContent = 'Verification: checking…';
    verification.removeAttribute('data-result');
    api(base + '/verify').then(function (answer) {
      if (counter !== loadCounter) { return; }
      if (answer.status !== 200 || !answer.body) {
        verification.textContent = 'Verification: not available' + (answer.status ? ' (' + answer.status + ')' : '');
        verification.setAttribute('data-result', 'unavailable');
        return;
      }
      var body = answer.body;
      verification.setAttribute('data-signatures', body.signatures || '');
      if (body.status === 'OK') {
        verification.className = 'badge ok';
        verification.textContent = 'Chain intact (' + count(body.eventsChecked, 'event')
          + (body.signatures === 'VALID' ? ', every commit signed' : '')
          + (body.signatures === 'NOT_CHECKED' ? ', signatures not checked' : '')
          + (body.treeHead ? ', in the audit log' : '')
          + (body.unsignedEvents ? ', ' + body.unsignedEvents + ' not yet vouched for' : '') + ')';
        verification.setAttribute('data-result', 'intact');
      } else if (body.status === 'UNVERIFIED') {
        verification.className = 'badge muted';
        verification.textContent = 'Unverified: nothing signed vouches for ' + count(body.eventsChecked, 'event');
        verification.setAttribute('data-result', 'unverified');
      } else {
        var fault = body.firstBreak || {};
        verification.className = 'badge broken';
        verification.textContent = 'Chain broken at sequence ' + fault.sequence + ' (position ' + fault.globalPosition
          + '): ' + humanise(fault.kind || '?') + (fault.reason ? ' — ' + fault.reason : '')
          + (body.breaks > 1 ? ' (' + body.breaks + ' breaks)' : '');
        verification.setAttribute('data-result', 'broken');
      }
    });
    history.textContent = 'History: ' + count(state.full.version + 1, 'event');
  }

  /* every step (an item with a "recorded" stamp) and every decision, as points */
  function collectPoints(full, decisions) {
    var bySeq = {};
    Object.keys(SECTIONS).forEach(function (sectionKey) {
      var section = full[sectionKey];
      if (!section || typeof section !== 'object') { return; }
      Object.keys(section).forEach(function (kind) {
        var value = section[kind];
        var items = Array.isArray(value) ? value : (value && typeof value === 'object' ? [value] : []);
        items.forEach(function (item) { collectItem(item, kind, SECTIONS[sectionKey], bySeq); });
      });
    });
    decisions.forEach(function (entry) {
      var existing = bySeq[entry.sequence];
      bySeq[entry.sequence] = {
        seq: entry.sequence, at: time(entry.occurredAt), recordedAt: time(entry.recordedAt), phase: entry.phase,
        kind: entry.type,
        decision: true, agreement: entry.type === 'AGREEMENT_SIGNED',
        label: readable(entry.decision) || humanise(entry.type), reason: entry.rationale,
        actor: entry.actor + (entry.actorOrganisation ? ' (' + entry.actorOrganisation + ')' : ''),
        alternatives: entry.alternatives || [], evidence: entry.evidence || [],
        guidingQuestion: entry.guidingQuestionId, agreedBy: entry.agreedBy || [], reference: entry.reference,
        correction: entry.correction, item: existing ? existing.item : null
      };
    });
    var concluded = full.conclusion && full.conclusion.recorded ? full.conclusion.recorded.sequence : null;
    return Object.keys(bySeq).map(function (k) {
      var point = bySeq[k];
      point.late = concluded != null && point.seq > concluded;
      return point;
    }).sort(function (a, b) { return a.seq - b.seq; });
  }

  function collectItem(item, kind, phase, bySeq) {
    if (!item || typeof item !== 'object' || !item.recorded || item.recorded.sequence == null) { return; }
    var r = item.recorded;
    if (bySeq[r.sequence]) { return; }
    var label = null, reason = null;
    LABEL_KEYS.some(function (key) { if (typeof item[key] === 'string' && item[key]) { label = item[key]; return true; } return false; });
    if (!label && item.terms && item.terms.description) { label = item.terms.description; }
    if (!label) {
      Object.keys(item).some(function (key) { if (typeof item[key] === 'string' && item[key]) { label = item[key]; return true; } return false; });
    }
    REASON_KEYS.some(function (key) {
      if (typeof item[key] === 'string' && item[key] && item[key] !== label) { reason = item[key]; return true; } return false;
    });
    bySeq[r.sequence] = {
      seq: r.sequence, at: time(r.occurredAt), recordedAt: time(r.recordedAt), phase: phase, kind: kind,
      decision: kind === 'decisions',
      agreement: kind === 'signedAgreement', label: label || humanise(kind), reason: reason,
      actor: (r.by || '') + (r.organisation ? ' (' + r.organisation + ')' : ''), alternatives: item.alternativesConsidered || [],
      evidence: item.evidence || [], guidingQuestion: item.guidingQuestionId, agreedBy: item.agreedBy || [],
      correction: r.correction, item: item
    };
  }

  /* ---------- drawing ---------- */

  /* asOf bounds when steps happened (occurredAt); with knownAt, also when they were recorded (recordedAt) */
  function render(phaseState, decisions, asOf, knownAt) {
    var limit = asOf == null ? Infinity : asOf;
    var known = knownAt == null ? Infinity : knownAt;
    var points = collectPoints(phaseState, decisions.filter(function (d) {
      return time(d.occurredAt) <= limit && !(time(d.recordedAt) > known);
    })).filter(function (p) { return isNaN(p.at) || p.at <= limit; });
    state.points = points;
    var current = phaseState.currentPhase;
    var concluded = phaseState.conclusion;
    $('state-phase').textContent = concluded
      ? 'Concluded' + (asOf == null ? '' : ' by then') + ' in ' + phaseName(concluded.phase).toLowerCase() + ': '
        + outcomeName(concluded.outcome)
      : current ? 'Phase' + (asOf == null ? '' : ' then') + ': ' + phaseName(current) : 'Not started yet';
    $('state-phase').className = 'badge' + (concluded ? ' concluded ' + String(concluded.outcome).toLowerCase() : '');
    $('state-phase').setAttribute('data-outcome', concluded ? concluded.outcome : '');
    $('state-phase').setAttribute('data-phase', current || '');
    drawTimeline(phaseState, points, limit);
    drawAgreement(phaseState, limit);
    drawTrust(limit);
    $('timeline').setAttribute('data-points', String(points.length));
  }

  /*
   * Time to a percentage of the track. Piecewise linear: each phase's stretch gets half its share of the time and
   * half an equal share, so a short preparation is not squeezed into a corner by five years of running agreement.
   */
  function x(ms) {
    var breaks = state.breaks || [state.min, state.max];
    var segments = breaks.length - 1, total = Math.max(1, state.max - state.min);
    var weights = [], sum = 0;
    for (var i = 0; i < segments; i++) {
      var w = 0.5 / segments + 0.5 * (breaks[i + 1] - breaks[i]) / total;
      weights.push(w); sum += w;
    }
    var offset = 0;
    for (var j = 0; j < segments; j++) {
      var share = weights[j] / sum;
      if (ms <= breaks[j + 1] || j === segments - 1) {
        var span = Math.max(1, breaks[j + 1] - breaks[j]);
        var within = Math.min(1, Math.max(0, (ms - breaks[j]) / span));
        return 2 + 96 * (offset + share * within);
      }
      offset += share;
    }
    return 98;
  }

  function phaseBreaks(phaseState) {
    var breaks = [state.min];
    (phaseState.progress || []).forEach(function (p) {
      var at = time(p.enteredAt);
      if (!isNaN(at) && at > breaks[breaks.length - 1] && at < state.max) { breaks.push(at); }
    });
    breaks.push(state.max);
    return breaks;
  }

  function drawTimeline(phaseState, points, limit) {
    var timeline = clear($('timeline'));
    var progress = {};
    (phaseState.progress || []).forEach(function (p) { progress[p.phase] = p; });
    var axis = el('div', { className: 'axis' });
    axis.appendChild(el('span', { className: 'tick start', style: 'left:' + x(state.min) + '%', text: day(state.min) }));
    var start = new Date(state.min).getUTCFullYear(), end = new Date(state.max).getUTCFullYear();
    for (var year = start; year <= end + 1; year++) {
      var at = Date.UTC(year, 0, 1);
      if (at < state.min || at > state.max || x(at) - x(state.min) < 6) { continue; }
      axis.appendChild(el('span', { className: 'tick', style: 'left:' + x(at) + '%', text: String(year) }));
    }
    timeline.appendChild(el('div', { className: 'lane axis-lane' }, [el('div', { className: 'lane-name' }), axis]));
    PHASES.forEach(function (phase) {
      var p = progress[phase] || {};
      var track = el('div', { className: 'track' });
      if (p.enteredAt) {
        var from = time(p.enteredAt);
        var to = p.leftAt && time(p.leftAt) <= limit ? time(p.leftAt) : Math.min(limit, state.max);
        track.appendChild(el('div', {
          className: 'span' + (p.status === 'CURRENT' ? ' current' : ''),
          style: 'left:' + x(from) + '%;width:' + Math.max(0.4, x(to) - x(from)) + '%',
          title: phaseName(phase) + ': ' + day(from) + (p.leftAt ? ' – ' + day(time(p.leftAt)) : ' – now')
        }));
      }
      var inPhase = points.filter(function (pt) { return pt.phase === phase; });
      var row = 0, lastX = -100;
      var left = p.leftAt ? time(p.leftAt) : Infinity;
      inPhase.forEach(function (pt) {
        /* a lesson or note about a phase, recorded after the phase ended, looks back on it */
        pt.late = pt.late || (!pt.correction && !isNaN(pt.at) && pt.at > left);
        var px = x(isNaN(pt.at) ? state.min : pt.at);
        row = px - lastX < 1.2 ? (row + 1) % 4 : 0;
        lastX = px;
        var classes = 'point' + (pt.decision ? ' decision' : ' step') + (pt.agreement ? ' agreement' : '')
          + (pt.correction ? ' correction' : '') + (pt.late ? ' late' : '');
        track.appendChild(el('button', {
          type: 'button', className: classes, 'data-seq': String(pt.seq), 'data-kind': pt.kind,
          'data-phase': pt.phase, style: 'left:' + px + '%;top:' + (8 + row * 14) + 'px',
          title: '#' + pt.seq + ' ' + day(pt.at) + ' · ' + pt.label,
          'aria-label': pt.label, 'data-late': pt.late ? 'true' : null, onclick: function () { showDetail(pt); }
        }));
      });
      var status = p.status ? humanise(p.status) : 'not reached';
      timeline.appendChild(el('div', {
        className: 'lane' + (phaseState.currentPhase === phase ? ' current-lane' : ''), 'data-phase': phase,
        'data-status': p.status || ''
      }, [el('div', { className: 'lane-name' }, [
        el('strong', { text: phaseName(phase) }),
        el('span', { className: 'muted', text: status + ' · ' + inPhase.length + ' points' + questions(phaseState, phase) })
      ]), track]));
    });
  }

  function questions(phaseState, phase) {
    var key = Object.keys(SECTIONS).filter(function (k) { return SECTIONS[k] === phase; })[0];
    var section = phaseState[key];
    if (!section || !section.answeredQuestions) { return ''; }
    return ' · ' + section.answeredQuestions.length + ' of ' + (section.answeredQuestions.length
      + (section.openQuestions || []).length) + ' questions';
  }

  function showDetail(pt) {
    Array.prototype.forEach.call(document.querySelectorAll('.point.selected'), function (b) { b.classList.remove('selected'); });
    var button = document.querySelector('.point[data-seq="' + pt.seq + '"]');
    if (button) { button.classList.add('selected'); }
    var detail = clear($('detail'));
    detail.setAttribute('data-seq', String(pt.seq));
    detail.appendChild(el('h3', { text: (pt.decision ? 'Decision' : 'Step') + ' #' + pt.seq + ': ' + humanise(pt.kind) }));
    detail.appendChild(el('p', { id: 'detail-what', className: 'what', text: pt.label }));
    detail.appendChild(el('p', { id: 'detail-reason', className: 'reason' }, [
      el('strong', { text: 'Why: ' }), pt.reason || 'no reason recorded'
    ]));
    var facts = el('dl');
    function fact(name, value) {
      if (value == null || value === '' || (Array.isArray(value) && !value.length)) { return; }
      facts.appendChild(el('dt', { text: name }));
      facts.appendChild(el('dd', { text: Array.isArray(value) ? value.join('; ') : String(value) }));
    }
    fact('Phase', phaseName(pt.phase));
    fact('Happened (occurredAt)', moment(pt.at));
    fact('Recorded (recordedAt)', moment(pt.recordedAt));
    fact('By', pt.actor);
    fact('Alternatives considered', pt.alternatives);
    fact('Evidence', pt.evidence);
    fact('Guiding question', pt.guidingQuestion ? questionText(pt.guidingQuestion) + ' (' + pt.guidingQuestion + ')' : null);
    fact('Agreed by', pt.agreedBy);
    fact('Reference', pt.reference);
    if (pt.correction) { fact('Correction', 'yes: a step of an earlier phase, recorded later'); }
    if (pt.late) { fact('Looking back', 'yes: happened after the phase (or the trajectory) had ended'); }
    detail.appendChild(facts);
  }

  function drawAgreement(phaseState, limit) {
    var panel = clear($('agreement'));
    panel.appendChild(el('h3', { text: 'Signed agreement' }));
    var signed = ((phaseState.negotiation || {}).signedAgreement || []).filter(function (a) {
      return !a.recorded || time(a.recorded.occurredAt) <= limit;
    });
    panel.classList.toggle('signed', signed.length > 0);
    if (!signed.length) { panel.appendChild(el('p', { className: 'muted', text: 'No agreement signed.' })); return; }
    signed.forEach(function (a) {
      var terms = a.terms || {};
      panel.appendChild(el('p', { className: 'what', text: terms.description || humanise(terms.model || '') }));
      var facts = el('dl');
      [['Model', humanise(terms.model || '')], ['Duration', terms.durationMonths ? terms.durationMonths + ' months' : null],
        ['Runs', (a.startDate || '?') + ' – ' + (a.endDate || '?')],
        ['Gains', terms.gainSharing && terms.gainSharing.description],
        ['Losses', terms.lossSharing && terms.lossSharing.description],
        ['Signed', a.recorded ? day(time(a.recorded.occurredAt)) : null],
        ['Recorded', a.recorded ? day(time(a.recorded.recordedAt)) : null],
        ['Signatories', (a.signatories || []).map(function (s) { return s.name + ', ' + s.role + ', ' + s.organisation; }).join('; ')]
      ].forEach(function (pair) {
        if (!pair[1]) { return; }
        facts.appendChild(el('dt', { text: pair[0] }));
        facts.appendChild(el('dd', { text: pair[1] }));
      });
      panel.appendChild(facts);
    });
  }

  var SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) { node.textContent = text; }
    return node;
  }

  function drawTrust(limit) {
    var holder = clear($('trust-chart'));
    var width = 520, height = 200, left = 30, right = 10, top = 10, bottom = 50;
    var chart = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, width: '100%', role: 'img',
      'aria-label': 'Trust over time and evaluations', id: 'trust-svg' });
    function cx(ms) { return left + (width - left - right) * (x(ms) - 2) / 96; }
    function cy(score) { return top + (height - top - bottom) * (5 - score) / 4; }
    for (var s = 1; s <= 5; s++) {
      chart.appendChild(svg('line', { x1: left, x2: width - right, y1: cy(s), y2: cy(s), class: 'grid' }));
      chart.appendChild(svg('text', { x: left - 8, y: cy(s) + 4, class: 'label', 'text-anchor': 'end' }, String(s)));
    }
    var firstYear = new Date(state.min).getUTCFullYear(), lastYear = new Date(state.max).getUTCFullYear();
    for (var year = firstYear + 1; year <= lastYear; year++) {
      var yx = cx(Date.UTC(year, 0, 1));
      chart.appendChild(svg('line', { x1: yx, x2: yx, y1: height - bottom, y2: height - bottom + 3, class: 'grid' }));
      chart.appendChild(svg('text', { x: yx, y: height - bottom + 24, class: 'label', 'text-anchor': 'middle' }, String(year)));
    }
    var colours = [['personTrust', 'person', 'Person'], ['organisationTrust', 'organisation', 'Organisation']];
    var counterparts = (state.trust && state.trust.counterparts) || [];
    var drawn = 0;
    counterparts.forEach(function (counterpart, index) {
      var assessments = (counterpart.assessments || []).filter(function (a) { return time(a.occurredAt) <= limit; });
      colours.forEach(function (c) {
        var path = assessments.map(function (a, i) {
          return (i ? 'L' : 'M') + cx(time(a.occurredAt)).toFixed(1) + ' ' + cy(a[c[0]]).toFixed(1);
        }).join(' ');
        if (path) {
          chart.appendChild(svg('path', { d: path, class: 'trust ' + c[1] + (index ? ' other' : '') }));
        }
        assessments.forEach(function (a) {
          var dot = svg('circle', { cx: cx(time(a.occurredAt)), cy: cy(a[c[0]]), r: 3.5, class: 'trust-dot ' + c[1] });
          dot.appendChild(svg('title', {}, c[2] + ' trust in ' + counterpart.counterpart + ': ' + a[c[0]] + ' (' + day(time(a.occurredAt)) + ')' + (a.note ? ' — ' + a.note : '')));
          chart.appendChild(dot);
          drawn++;
        });
      });
    });
    var evaluations = ((state.monitoring && state.monitoring.evaluations) || []).filter(function (e) { return time(e.occurredAt) <= limit; });
    evaluations.forEach(function (e) {
      var ex = cx(time(e.occurredAt));
      chart.appendChild(svg('line', { x1: ex, x2: ex, y1: top, y2: height - bottom, class: 'evaluation-line' }));
      var mark = svg('rect', { x: ex - 5, y: height - bottom + 4, width: 10, height: 10, class: 'evaluation' + (e.adjustmentNeeded ? ' adjust' : '') });
      mark.appendChild(svg('title', {}, humanise(e.kind) + ' evaluation ' + day(time(e.occurredAt)) + ': ' + e.summary));
      chart.appendChild(mark);
    });
    var legendY = height - 8;
    chart.appendChild(svg('line', { x1: left, x2: left + 18, y1: legendY - 4, y2: legendY - 4, class: 'trust person' }));
    chart.appendChild(svg('text', { x: left + 22, y: legendY, class: 'label' }, 'trust in the person'));
    chart.appendChild(svg('line', { x1: left + 150, x2: left + 168, y1: legendY - 4, y2: legendY - 4, class: 'trust organisation' }));
    chart.appendChild(svg('text', { x: left + 172, y: legendY, class: 'label' }, 'trust in the organisation'));
    chart.appendChild(svg('rect', { x: left + 330, y: legendY - 9, width: 10, height: 10, class: 'evaluation' }));
    chart.appendChild(svg('text', { x: left + 344, y: legendY, class: 'label' }, 'evaluation'));
    holder.appendChild(chart);
    if (!drawn && !evaluations.length) { holder.appendChild(el('p', { className: 'muted', text: 'No trust assessments or evaluations yet.' })); }
    holder.setAttribute('data-assessments', String(drawn));
    holder.setAttribute('data-evaluations', String(evaluations.length));
  }

  function renderMonitoring(monitoring, limit, definedThen) {
    var holder = clear($('monitoring'));
    var bound = limit == null ? Infinity : limit;
    var indicators = ((monitoring && monitoring.indicators) || []).filter(function (indicator) {
      return !definedThen || definedThen.indexOf(indicator.indicatorId) >= 0;
    });
    if (!indicators.length) { holder.appendChild(el('p', { className: 'muted', text: 'No indicators.' })); return; }
    var table = el('table', {}, [el('tr', {}, [el('th', { text: 'Indicator' }), el('th', { text: 'Target' }), el('th', { text: 'Latest' })])]);
    indicators.forEach(function (indicator) {
      var measured = (indicator.measurements || []).filter(function (m) { return time(m.occurredAt) <= bound; });
      var latest = measured[measured.length - 1];
      table.appendChild(el('tr', {}, [el('td', { text: indicator.name }), el('td', { text: indicator.target || '' }),
        el('td', { text: latest ? latest.value + ' (' + latest.measuredOn + ')' : '—' })]));
    });
    holder.appendChild(table);
  }

  /* ---------- as of a moment ---------- */

  function asOfChanged() {
    var slider = $('as-of');
    var ms = Number(slider.value) * 60000;
    var latest = Number(slider.value) >= Number(slider.max);
    var knownThen = $('known-at').checked;
    asOfText(latest ? 'now' : moment(ms));
    if (latest && !knownThen) { showLatest(); return; }
    var counter = ++loadCounter;
    var base = '/api/trajectories/' + encodeURIComponent(state.id);
    var iso = new Date(latest ? Date.now() : ms).toISOString();
    var query = '?asOf=' + encodeURIComponent(iso) + (knownThen ? '&knownAt=' + encodeURIComponent(iso) : '');
    $('trajectory').setAttribute('data-loaded', 'false');
    Promise.all([api(base + '/phases' + query), api(base + '/decisions')]).then(function (answers) {
      if (counter !== loadCounter) { return; }
      var view = answers[0].status === 200 ? answers[0].body : null;
      $('as-of-note').textContent = !view ? 'Could not reconstruct the state.'
        : 'Reconstructed from the event store: the steps that happened (occurredAt) by ' + moment(Date.parse(iso))
          + (knownThen ? ', as recorded (recordedAt) by then' : ', as recorded so far') + '.';
      var decisions = answers[1].status === 200 ? (answers[1].body.entries || []) : state.decisions;
      var at = Date.parse(iso);
      state.asOf = at;
      var then = view ? view.state : state.full;
      render(then, decisions, at, knownThen ? at : null);
      renderMonitoring(state.monitoring, at, ((then.negotiation || {}).indicators || []).map(function (i) { return i.indicatorId; }));
      $('trajectory').setAttribute('data-as-of', iso);
      $('trajectory').setAttribute('data-known-at', knownThen ? iso : '');
      $('trajectory').setAttribute('data-loaded', 'true');
    });
  }

  function showLatest() {
    ++loadCounter;
    var slider = $('as-of');
    slider.value = slider.max;
    asOfText('now');
    $('as-of-note').textContent = '';
    state.asOf = null;
    $('trajectory').removeAttribute('data-as-of');
    if (state.full) { render(state.full, state.decisions, null); renderMonitoring(state.monitoring, null); }
    $('trajectory').setAttribute('data-loaded', 'true');
  }

  /* The moment shown beside the slider, and told by it to a screen reader (not minutes since 1970). */
  function asOfText(text) {
    $('as-of-label').textContent = text;
    $('as-of').setAttribute('aria-valuetext', text);
  }

  /* Arrow keys move a day, not a minute, and ask the service once the keys rest, not at every press. */
  var asOfKeyTimer = null;
  function asOfKey(event) {
    var keys = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 };
    if (!(event.key in keys)) { return; }
    event.preventDefault();
    var slider = $('as-of');
    var moved = Number(slider.value) + keys[event.key] * 1440;
    slider.value = String(Math.min(Number(slider.max), Math.max(Number(slider.min), moved)));
    asOfMoving();
    clearTimeout(asOfKeyTimer);
    asOfKeyTimer = setTimeout(asOfChanged, 400);
  }

  function asOfMoving() {
    var slider = $('as-of');
    asOfText(Number(slider.value) >= Number(slider.max) ? 'now' : moment(Number(slider.value) * 60000));
  }

  function languageChanged() {
    localStorage.setItem(LANGUAGE_KEY, $('language').value);
    document.documentElement.setAttribute('data-playbook-language', $('language').value);
    fillPhaseFilter();
    if (session.me && (session.me.role === 'NEGOTIATOR' || session.me.role === 'AUDITOR')) { loadList(session.list.page); }
    if (state.full && !$('trajectory').hidden) { openTrajectory(state.id, true); }
    emit('language', language());
  }

  function fillPhaseFilter() {
    var select = $('list-phase');
    var chosen = select.value;
    while (select.options.length > 1) { select.remove(1); }
    PHASES.forEach(function (phase) { select.appendChild(el('option', { value: phase, text: phaseName(phase) })); });
    select.value = chosen;
  }

  function tabKeys(event) {
    var tabs = Array.prototype.filter.call(document.querySelectorAll('[role=tab]'), function (t) { return !t.hidden; });
    var index = tabs.indexOf(event.target);
    if (index < 0) { return; }
    var next = event.key === 'ArrowRight' ? index + 1 : event.key === 'ArrowLeft' ? index - 1 : null;
    if (next == null) { return; }
    var tab = tabs[(next + tabs.length) % tabs.length];
    tab.focus();
    selectTab(tab.id);
  }

  window.TT = {
    PHASES: PHASES, api: api, download: download, el: el, clear: clear, time: time, day: day, moment: moment,
    humanise: humanise, capitalise: capitalise, count: count, readable: readable, on: on, emit: emit, state: state, session: session,
    playbook: playbook, localised: localised, phaseName: phaseName, questionText: questionText,
    outcomeName: outcomeName, openTrajectory: openTrajectory, loadList: loadList, show: show, selectTab: selectTab,
    collectPoints: collectPoints, language: language, route: route, sent: sent
  };

  document.addEventListener('DOMContentLoaded', function () {
    $('language').value = language();
    document.documentElement.setAttribute('data-playbook-language', language());
    $('sign-in').addEventListener('submit', signIn);
    $('sign-out-button').addEventListener('click', signOut);
    $('language').addEventListener('change', languageChanged);
    $('as-of').addEventListener('input', asOfMoving);
    $('as-of').addEventListener('change', asOfChanged);
    $('as-of').addEventListener('keydown', asOfKey);
    $('known-at').addEventListener('change', asOfChanged);
    $('as-of-latest').addEventListener('click', function () { $('known-at').checked = false; showLatest(); });
    $('list-search').addEventListener('submit', function (event) { event.preventDefault(); loadList(0); });
    $('list-text').addEventListener('input', debounce(function () { loadList(0); }, 300));
    $('list-phase').addEventListener('change', function () { loadList(0); });
    $('list-status').addEventListener('change', function () { loadList(0); });
    $('list-previous').addEventListener('click', function () { loadList(Math.max(0, session.list.page - 1)); });
    $('list-next').addEventListener('click', function () { loadList(session.list.page + 1); });
    Array.prototype.forEach.call(document.querySelectorAll('[role=tab]'), function (tab) {
      tab.addEventListener('click', function () { selectTab(tab.id); });
      tab.addEventListener('keydown', tabKeys);
    });
    fillPhaseFilter();
    window.addEventListener('hashchange', followAddress);
    window.addEventListener('beforeunload', leaving);
    document.addEventListener('input', typed);
    document.addEventListener('change', typed);
    if (token()) { start(); }
  });
})();
