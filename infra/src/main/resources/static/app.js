/* Trajectory Tracker: the auditor's and negotiator's page. Plain JS, no build, no external resources. */
(function () {
  'use strict';

  var PHASES = ['INTERNAL_PREPARATION', 'CO_DESIGN', 'NEGOTIATION', 'RUNNING_AGREEMENT', 'AFTER_AGREEMENT'];
  var PHASE_NAMES = {
    INTERNAL_PREPARATION: 'Internal preparation', CO_DESIGN: 'Co-design', NEGOTIATION: 'Negotiation',
    RUNNING_AGREEMENT: 'Running agreement', AFTER_AGREEMENT: 'After the agreement'
  };
  var SECTIONS = {
    internalPreparation: 'INTERNAL_PREPARATION', coDesign: 'CO_DESIGN', negotiation: 'NEGOTIATION',
    runningAgreement: 'RUNNING_AGREEMENT', afterAgreement: 'AFTER_AGREEMENT'
  };
  var LABEL_KEYS = ['decision', 'goal', 'batna', 'interest', 'development', 'agreement', 'ambition', 'aim', 'issue',
    'question', 'name', 'summary', 'description', 'value', 'message', 'lesson', 'success', 'pitfall', 'factor',
    'action', 'fact', 'option', 'principle', 'obstacle', 'note', 'text'];
  var REASON_KEYS = ['rationale', 'why', 'answerWhy', 'reason', 'overrideReason', 'resolution', 'impact',
    'challenge', 'note', 'summary', 'explanation', 'purpose'];
  var TOKEN_KEY = 'trajectoryTracker.token';

  var $ = function (id) { return document.getElementById(id); };
  var state = { id: null, full: null, decisions: [], points: [], min: 0, max: 0, asOf: null, knownAt: false };
  var loadCounter = 0;

  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function api(path) {
    var headers = { 'Accept': 'application/json' };
    if (token()) { headers['Authorization'] = 'Bearer ' + token(); }
    return fetch(path, { headers: headers }).then(function (response) {
      if (response.status === 404) { return { status: 404, body: null }; }
      return response.text().then(function (text) {
        var body = null;
        try { body = text ? JSON.parse(text) : null; } catch (e) { body = text; }
        return { status: response.status, body: body };
      });
    }, function (error) { return { status: 0, body: String(error) }; });
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      if (key === 'text') { node.textContent = attrs[key]; }
      else if (key === 'className') { node.className = attrs[key]; }
      else if (key.indexOf('on') === 0) { node.addEventListener(key.substring(2), attrs[key]); }
      else { node.setAttribute(key, attrs[key]); }
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
    var text = String(key);
    if (text === text.toUpperCase()) { return text.replace(/_/g, ' ').toLowerCase(); }
    return text.replace(/([A-Z])/g, ' $1').replace(/_/g, ' ').toLowerCase().trim();
  }

  /* ---------- sign in ---------- */

  function signIn(event) {
    if (event) { event.preventDefault(); }
    var value = $('token').value.trim();
    if (value) { sessionStorage.setItem(TOKEN_KEY, value); $('token').value = ''; }
    loadList();
  }

  function signOut() {
    sessionStorage.removeItem(TOKEN_KEY);
    clear($('trajectories'));
    $('trajectory').hidden = true;
    $('who').textContent = 'Not signed in';
    $('sign-out-button').hidden = true;
    $('list-message').textContent = 'Paste an API token to see the trajectories you may see.';
  }

  function loadList() {
    if (!token()) { return; }
    $('list-message').textContent = 'Loading…';
    api('/api/trajectories?page=0&size=50').then(function (answer) {
      var list = clear($('trajectories'));
      if (answer.status === 401) {
        $('who').textContent = 'Token not accepted';
        $('list-message').textContent = 'The token is unknown or revoked.';
        sessionStorage.removeItem(TOKEN_KEY);
        return;
      }
      if (answer.status === 403) {
        $('who').textContent = 'Signed in, but this role may not read trajectories';
        $('list-message').textContent = 'Trajectories are for negotiators and auditors.';
        $('sign-out-button').hidden = false;
        return;
      }
      if (answer.status !== 200 || !answer.body) {
        $('list-message').textContent = 'Could not load trajectories (' + answer.status + ').';
        return;
      }
      var items = answer.body.items || [];
      var organisations = {};
      items.forEach(function (item) {
        (item.parties || []).forEach(function (party) { organisations[party.organisationName] = true; });
      });
      $('who').textContent = 'Signed in (token …' + token().slice(-4) + '): ' + items.length
        + ' trajectories visible' + (Object.keys(organisations).length > 2 ? ' across organisations (auditor view)' : '');
      $('who').setAttribute('data-signed-in', 'true');
      $('sign-out-button').hidden = false;
      $('list-message').textContent = items.length ? '' : 'No trajectories you may see.';
      items.forEach(function (item) {
        var parties = (item.parties || []).map(function (p) { return p.organisationName + ' (' + humanise(p.type) + ')'; });
        list.appendChild(el('li', {}, [el('button', {
          type: 'button', className: 'trajectory-link', 'data-id': item.id,
          onclick: function () { openTrajectory(item.id); }
        }, [
          el('span', { className: 'list-title', text: item.title || item.id }),
          el('span', { className: 'list-meta', text: parties.join(' · ') }),
          el('span', { className: 'list-meta',
            text: PHASE_NAMES[item.phase] + ' · ' + humanise(item.status) + ' · last activity ' + day(time(item.lastActivityAt)) })
        ])]));
      });
    });
  }

  /* ---------- one trajectory ---------- */

  function openTrajectory(id) {
    var counter = ++loadCounter;
    state.id = id;
    $('trajectory').hidden = false;
    $('trajectory').setAttribute('data-loaded', 'false');
    Array.prototype.forEach.call(document.querySelectorAll('.trajectory-link'), function (b) {
      b.classList.toggle('selected', b.getAttribute('data-id') === id);
    });
    var base = '/api/trajectories/' + encodeURIComponent(id);
    Promise.all([api(base + '/phases'), api(base + '/decisions'), api(base + '/trust'), api(base + '/monitoring')])
      .then(function (answers) {
        if (counter !== loadCounter) { return; }
        var phases = answers[0], decisions = answers[1];
        if (phases.status !== 200) {
          $('trajectory-title').textContent = 'Could not load the trajectory (' + phases.status + ')';
          return;
        }
        state.full = phases.body.state;
        state.decisions = decisions.status === 200 ? (decisions.body.entries || []) : [];
        state.trust = answers[2].status === 200 ? answers[2].body : null;
        state.monitoring = answers[3].status === 200 ? answers[3].body : null;
        var full = state.full;
        $('trajectory-title').textContent = full.title || id;
        $('trajectory-meta').textContent = (full.parties || []).map(function (p) { return p.organisationName; }).join(' and ')
          + ' · playbook ' + (full.playbookVersion || '?') + ' · version ' + full.version;
        var points = collectPoints(full, state.decisions);
        var times = points.map(function (p) { return p.at; }).filter(function (t) { return !isNaN(t); });
        (full.progress || []).forEach(function (p) { if (p.enteredAt) { times.push(time(p.enteredAt)); } });
        state.min = Math.min.apply(null, times);
        state.max = Math.max.apply(null, times);
        state.breaks = phaseBreaks(full);
        var slider = $('as-of');
        slider.min = String(Math.floor(state.min / 60000));
        slider.max = String(Math.ceil(state.max / 60000));
        slider.value = slider.max;
        state.asOf = null;
        render(full, state.decisions, null);
        renderMonitoring(state.monitoring, null);
        loadVerification(base, counter);
        $('trajectory').setAttribute('data-loaded', 'true');
      });
  }

  function loadVerification(base, counter) {
    var verification = $('verification'), history = $('history-summary');
    verification.className = 'badge muted'; verification.textContent = 'Verification: checking…';
    api(base + '/verify').then(function (answer) {
      if (counter !== loadCounter) { return; }
      if (answer.status === 404 || answer.status === 0) {
        verification.textContent = 'Verification: not available';
        verification.setAttribute('data-result', 'unavailable');
        return;
      }
      if (answer.status !== 200 || !answer.body) {
        verification.textContent = 'Verification: not available (' + answer.status + ')';
        verification.setAttribute('data-result', 'unavailable');
        return;
      }
      var body = answer.body;
      if (body.status === 'OK') {
        verification.className = 'badge ok';
        verification.textContent = 'Chain intact (' + body.eventsChecked + ' events'
          + (body.signatures === 'VALID' ? ', every commit signed' : '')
          + (body.treeHead ? ', in the audit log' : '') + ')';
        verification.setAttribute('data-result', 'intact');
      } else if (body.status === 'UNVERIFIED') {
        verification.className = 'badge muted';
        verification.textContent = 'Unverified: nothing signed vouches for these ' + body.eventsChecked + ' events';
        verification.setAttribute('data-result', 'unverified');
      } else {
        var fault = body.firstBreak || {};
        verification.className = 'badge broken';
        verification.textContent = 'Chain broken at sequence ' + fault.sequence + ' (position ' + fault.globalPosition
          + '): ' + (fault.kind || '?') + (fault.reason ? ' — ' + fault.reason : '');
        verification.setAttribute('data-result', 'broken');
      }
    });
    api(base + '/history').then(function (answer) {
      if (counter !== loadCounter) { return; }
      if (answer.status !== 200 || !answer.body) {
        history.textContent = 'Event history: not available';
        return;
      }
      var events = Array.isArray(answer.body) ? answer.body : (answer.body.events || answer.body.items || []);
      history.textContent = 'Event history: ' + events.length + ' events';
    });
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
        label: entry.decision || humanise(entry.type), reason: entry.rationale,
        actor: entry.actor + (entry.actorOrganisation ? ' (' + entry.actorOrganisation + ')' : ''),
        alternatives: entry.alternatives || [], evidence: entry.evidence || [],
        guidingQuestion: entry.guidingQuestionId, agreedBy: entry.agreedBy || [], reference: entry.reference,
        correction: entry.correction, item: existing ? existing.item : null
      };
    });
    return Object.keys(bySeq).map(function (k) { return bySeq[k]; }).sort(function (a, b) { return a.seq - b.seq; });
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
    $('state-phase').textContent = current ? 'Phase' + (asOf == null ? '' : ' then') + ': ' + PHASE_NAMES[current] : 'Not started yet';
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
          title: PHASE_NAMES[phase] + ': ' + day(from) + (p.leftAt ? ' – ' + day(time(p.leftAt)) : ' – now')
        }));
      }
      var inPhase = points.filter(function (pt) { return pt.phase === phase; });
      var row = 0, lastX = -100;
      inPhase.forEach(function (pt) {
        var px = x(isNaN(pt.at) ? state.min : pt.at);
        row = px - lastX < 1.2 ? (row + 1) % 4 : 0;
        lastX = px;
        var classes = 'point' + (pt.decision ? ' decision' : ' step') + (pt.agreement ? ' agreement' : '')
          + (pt.correction ? ' correction' : '');
        track.appendChild(el('button', {
          type: 'button', className: classes, 'data-seq': String(pt.seq), 'data-kind': pt.kind,
          'data-phase': pt.phase, style: 'left:' + px + '%;top:' + (8 + row * 14) + 'px',
          title: '#' + pt.seq + ' ' + day(pt.at) + ' · ' + pt.label,
          'aria-label': pt.label, onclick: function () { showDetail(pt); }
        }));
      });
      var status = p.status ? humanise(p.status) : 'not reached';
      timeline.appendChild(el('div', {
        className: 'lane' + (phaseState.currentPhase === phase ? ' current-lane' : ''), 'data-phase': phase,
        'data-status': p.status || ''
      }, [el('div', { className: 'lane-name' }, [
        el('strong', { text: PHASE_NAMES[phase] }),
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
    fact('Phase', PHASE_NAMES[pt.phase]);
    fact('Happened (occurredAt)', moment(pt.at));
    fact('Recorded (recordedAt)', moment(pt.recordedAt));
    fact('By', pt.actor);
    fact('Alternatives considered', pt.alternatives);
    fact('Evidence', pt.evidence);
    fact('Guiding question', pt.guidingQuestion);
    fact('Agreed by', pt.agreedBy);
    fact('Reference', pt.reference);
    if (pt.correction) { fact('Correction', 'yes'); }
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
    $('as-of-label').textContent = latest ? 'now' : moment(ms);
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
    $('as-of-label').textContent = 'now';
    $('as-of-note').textContent = '';
    state.asOf = null;
    $('trajectory').removeAttribute('data-as-of');
    if (state.full) { render(state.full, state.decisions, null); renderMonitoring(state.monitoring, null); }
    $('trajectory').setAttribute('data-loaded', 'true');
  }

  function asOfMoving() {
    var slider = $('as-of');
    $('as-of-label').textContent = Number(slider.value) >= Number(slider.max) ? 'now' : moment(Number(slider.value) * 60000);
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('sign-in').addEventListener('submit', signIn);
    $('sign-out-button').addEventListener('click', signOut);
    $('as-of').addEventListener('input', asOfMoving);
    $('as-of').addEventListener('change', asOfChanged);
    $('known-at').addEventListener('change', asOfChanged);
    $('as-of-latest').addEventListener('click', function () { $('known-at').checked = false; showLatest(); });
    if (token()) { loadList(); }
  });
})();
