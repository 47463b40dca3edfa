/*
 * The negotiator's work: the current phase's topics and guiding questions (answered or open), a form for every step
 * the phase allows, the gate to the next phase, and a new trajectory. Every step is sent with If-Match (the version
 * the page shows) and an Idempotency-Key (kept until the step is recorded, so a retry never records it twice).
 */
(function () {
  'use strict';

  var TT = window.TT;
  var $ = function (id) { return document.getElementById(id); };
  var ADVANCE = /\/phase-advances$/;
  var CONCLUDE = /\/conclusion$/;
  /* What a concluded trajectory still takes: reflections on it and a follow-up (the aggregate's ConclusionPolicy). */
  var AFTER_CONCLUSION = /\/(notes|pitfalls|success-factors|interim-evaluations|final-evaluations|follow-ups)$/;
  var WAIT_MS = 15000;

  /* What starting gives the negotiator; the API's description speaks of status codes and headers instead. */
  var START_HINT = 'Starts the trajectory in its first phase, internal preparation, and opens it to record its '
    + 'steps. Your own organisation must be among the parties. "When it happened" is when it began: no step can be dated '
    + 'earlier, so to log a past trajectory, give its real beginning. Sending again after a lost answer never starts '
    + 'it twice.';

  function isNegotiator() { return TT.session.me && TT.session.me.role === 'NEGOTIATOR'; }

  function uuid() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 0x100).toString(16).substring(1); }).join('');
    return hex.substring(0, 8) + '-' + hex.substring(8, 12) + '-' + hex.substring(12, 16) + '-' + hex.substring(16, 20)
      + '-' + hex.substring(20);
  }

  /* Read models follow the event store: poll until the trajectory shows at least the given version. */
  function waitForVersion(id, version) {
    var deadline = Date.now() + WAIT_MS;
    function poll() {
      return TT.api('/api/trajectories/' + encodeURIComponent(id) + '/phases').then(function (answer) {
        if (answer.status === 200 && answer.body.version >= version) { return true; }
        if (Date.now() > deadline) { return false; }
        return new Promise(function (resolve) { setTimeout(resolve, 150); }).then(poll);
      });
    }
    return poll();
  }

  function status(text, kind) {
    var box = TT.clear($('record-status'));
    box.className = kind || '';
    box.textContent = text;
  }

  /* ---------- sending one step ---------- */

  function send(operation, handle, body, version) {
    var id = TT.state.id;
    handle.key = handle.key || uuid();
    handle.submit.disabled = true;
    handle.status('Sending…');
    var headers = { 'Idempotency-Key': handle.key };
    if (version != null) { headers['If-Match'] = '"' + version + '"'; }
    return TT.api(operation.path.replace('{id}', encodeURIComponent(id)), { method: 'POST', body: body, headers: headers })
      .then(function (answer) {
        handle.submit.disabled = false;
        if (answer.status === 200 || answer.status === 201) {
          handle.key = null;
          return recorded(operation, handle, answer.body);
        }
        var problem = answer.body && typeof answer.body === 'object' ? answer.body
          : { status: answer.status, detail: 'The service answered ' + answer.status };
        if (answer.status === 412) { return conflict(operation, handle, body, version, problem); }
        if (problem.code === 'PHASE_GATE_CLOSED') { return gateClosed(operation, handle, body, problem); }
        handle.showProblem(problem);
        handle.form.setAttribute('data-outcome', 'refused');
        status('Not recorded: ' + (problem.detail || answer.status), 'refused');
      });
  }

  function recorded(operation, handle, body) {
    var version = body && body.version != null ? body.version : null;
    handle.form.setAttribute('data-outcome', 'recorded');
    TT.sent(handle.form);
    handle.status('Recorded as version ' + version + '. Updating the page…');
    status(operation.label + ': recorded (version ' + version + ').', 'recorded');
    return waitForVersion(TT.state.id, version).then(function () {
      TT.loadList(TT.session.list.page);
      return TT.openTrajectory(TT.state.id, true);
    }).then(function () {
      status(operation.label + ': recorded (version ' + version + ').', 'recorded');
      $('record-status').setAttribute('data-version', String(version));
    });
  }

  /* 412: someone recorded steps since the page loaded; show which, and offer to send again on the new version. */
  function conflict(operation, handle, body, expected, problem) {
    var base = '/api/trajectories/' + encodeURIComponent(TT.state.id);
    return TT.api(base + '/diff?from=' + encodeURIComponent(String(expected))).then(function (diff) {
      var box = TT.el('div', { className: 'conflict', 'data-expected': String(expected) });
      var latest = diff.status === 200 && diff.body && diff.body.to ? diff.body.to.version : null;
      box.appendChild(TT.el('p', { text: 'Since version ' + expected + ' was loaded, ' + (latest == null ? 'the trajectory changed'
        : (latest - expected) + ' step(s) were recorded (it is now at version ' + latest + '):') }));
      if (diff.status === 200 && diff.body) {
        var list = TT.el('ul', { className: 'changes' });
        (diff.body.events || []).forEach(function (event) {
          list.appendChild(TT.el('li', { text: '#' + event.sequence + ' ' + TT.humanise(event.type) + ' by ' + event.actor
            + ', happened ' + TT.day(TT.time(event.occurredAt)) }));
        });
        (diff.body.highlights || []).forEach(function (line) { list.appendChild(TT.el('li', { className: 'highlight', text: line })); });
        box.appendChild(list);
      }
      box.appendChild(TT.el('p', { text: 'Check that your step still holds, then send it again on the new version.' }));
      box.appendChild(TT.el('button', { type: 'button', className: 'primary retry',
        text: latest == null ? 'Send again' : 'Send again on version ' + latest,
        onclick: function () {
          TT.state.version = latest;
          send(operation, handle, handle.read(), latest);
        } }));
      handle.showProblem(problem, box);
      handle.form.setAttribute('data-outcome', 'conflict');
      status('Not recorded: the trajectory changed meanwhile (412). See the form.', 'refused');
    });
  }

  /* A closed gate: list the unmet conditions and offer to pass it anyway, with a recorded reason. */
  function gateClosed(operation, handle, body, problem) {
    var conditions = [];
    var pattern = /not met: ([^;]+?)(?=;|\. Give|\.$|$)/g, match;
    while ((match = pattern.exec(problem.detail || '')) !== null) { conditions.push(match[1]); }
    var box = TT.el('div', { className: 'gate-closed' });
    box.appendChild(TT.el('p', { text: 'Not met:' }));
    box.appendChild(TT.el('ul', { className: 'conditions' }, conditions.map(function (c) {
      return TT.el('li', { text: c });
    })));
    var reasonId = 'override-reason-' + operation.id;
    var reason = TT.el('textarea', { id: reasonId, rows: '2', name: 'overrideReason' });
    box.appendChild(TT.el('label', { for: reasonId, text: 'Reason to go ahead anyway (recorded with the advance)' }));
    box.appendChild(reason);
    box.appendChild(TT.el('button', { type: 'button', className: 'primary override', text: 'Advance anyway',
      onclick: function () {
        if (!reason.value.trim()) { reason.setAttribute('aria-invalid', 'true'); reason.focus(); return; }
        var again = handle.read();
        again.overrideReason = reason.value.trim();
        send(operation, handle, again, TT.state.version);
      } }));
    handle.showProblem({ title: 'Gate closed', detail: 'the playbook\'s conditions to enter the next phase are not all met',
      code: problem.code }, box);
    handle.form.setAttribute('data-outcome', 'gate-closed');
    status('Not advanced: the gate is closed. See the conditions.', 'refused');
  }

  function stepForm(operation, options) {
    var handle = TT.forms.build(operation, options);
    handle.form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (handle.missingRequired()) { return; }
      send(operation, handle, handle.read(), TT.state.version);
    });
    return handle;
  }

  /* ---------- the record tab ---------- */

  function sectionOf(full, phase) {
    var key = { INTERNAL_PREPARATION: 'internalPreparation', CO_DESIGN: 'coDesign', NEGOTIATION: 'negotiation',
      RUNNING_AGREEMENT: 'runningAgreement', AFTER_AGREEMENT: 'afterAgreement' }[phase];
    return full[key] || {};
  }

  function renderPlaybook(full, openDecision) {
    var panel = TT.clear($('playbook-panel'));
    var phase = full.currentPhase;
    var chapter = ((TT.state.playbook && TT.state.playbook.phases) || []).filter(function (p) { return p.phase === phase; })[0];
    if (!chapter) { panel.appendChild(TT.el('p', { className: 'muted', text: 'No playbook chapter for this phase.' })); return; }
    var section = sectionOf(full, phase);
    var answered = {};
    (section.answeredQuestions || []).forEach(function (a) { answered[a.questionId] = a.answeredBy || []; });
    panel.appendChild(TT.el('h3', { text: chapter.number + '. ' + TT.localised(chapter.name) + ' — ' + TT.localised(chapter.theme) }));
    var open = (section.openQuestions || []).length, done = (section.answeredQuestions || []).length;
    panel.appendChild(TT.el('p', { className: 'muted', id: 'question-count',
      text: done + ' of ' + (done + open) + ' guiding questions answered' }));
    chapter.topics.forEach(function (topic) {
      panel.appendChild(TT.el('h4', { text: TT.localised(topic.title) }));
      var list = TT.el('ul', { className: 'questions' });
      topic.questions.forEach(function (question) {
        var by = answered[question.id];
        var item = TT.el('li', { className: by ? 'answered' : 'open', 'data-question-id': question.id,
          'data-answered': by ? 'true' : 'false' }, [
          TT.el('span', { className: 'qmark', 'aria-hidden': 'true', text: by ? '✓' : '○' }),
          TT.el('span', { className: 'visually-hidden', text: by ? 'Answered: ' : 'Open: ' }),
          TT.localised(question.text)
        ]);
        if (by) {
          item.appendChild(TT.el('span', { className: 'answered-by', text: ' — by ' + by.map(function (ref) {
            var parts = String(ref).split('#');
            return TT.humanise(parts[0]) + (parts[1] ? ' #' + parts[1] : '');
          }).join(', ') }));
        } else if (openDecision) {
          item.appendChild(TT.el('button', { type: 'button', className: 'link answer',
            text: 'Answer with a decision', 'aria-label': 'Answer with a decision: ' + TT.localised(question.text),
            onclick: function () { openDecision(question.id); } }));
        }
        list.appendChild(item);
      });
      panel.appendChild(list);
    });
    var pitfalls = chapter.pitfallsPrompt ? TT.localised(chapter.pitfallsPrompt) : '';
    if (pitfalls) { panel.appendChild(TT.el('p', { className: 'hint', text: pitfalls })); }
  }

  function details(operation, options, open) {
    var box = TT.el('details', { className: 'step', 'data-operation': operation.id });
    var summary = TT.el('summary', { text: operation.label });
    box.appendChild(summary);
    var built = null;
    function ensure() {
      if (!built) { built = stepForm(operation, options); box.appendChild(built.form); }
      return built;
    }
    box.addEventListener('toggle', function () { if (box.open) { ensure(); } });
    if (open) { box.open = true; ensure(); }
    box.ensure = ensure;
    return box;
  }

  function renderRecord() {
    if (!isNegotiator() || !TT.state.full) { return; }
    var full = TT.state.full;
    TT.forms.operations().then(function (ops) {
      var forms = TT.clear($('step-forms'));
      var gate = TT.clear($('gate-panel'));
      if (!ops) { forms.appendChild(TT.el('p', { text: 'The API description (/v3/api-docs) is not available.' })); return; }
      var phase = full.currentPhase;
      var index = TT.PHASES.indexOf(phase);
      var byPhase = {};
      ops.steps.forEach(function (op) { (byPhase[op.phase] = byPhase[op.phase] || []).push(op); });
      var anyPhase = (byPhase.ANY || []).filter(function (op) { return !ADVANCE.test(op.path); });
      var advance = (byPhase.ANY || []).filter(function (op) { return ADVANCE.test(op.path); })[0];
      var decision = anyPhase.filter(function (op) { return /\/decisions$/.test(op.path); })[0];

      var decisionBox = null;
      function openDecision(questionId) {
        if (!decisionBox) { return; }
        decisionBox.open = true;
        var handle = decisionBox.ensure();
        var select = handle.form.querySelector('[name=guidingQuestionId]');
        if (select) { select.value = questionId; }
        decisionBox.scrollIntoView({ block: 'nearest' });
        var first = handle.form.querySelector('input,textarea,select');
        if (first) { first.focus(); }
      }
      renderPlaybook(full, decision ? openDecision : null);

      if (full.conclusion) {
        gate.appendChild(TT.el('p', { className: 'muted', text: 'The trajectory is concluded ('
          + TT.outcomeName(full.conclusion.outcome) + '); notes and evaluations can still be added.' }));
      } else if (advance && index >= 0 && index < TT.PHASES.length - 1) {
        var next = TT.PHASES[index + 1];
        gate.appendChild(TT.el('h3', { text: 'Advance to ' + TT.phaseName(next) }));
        var handle = stepForm(advance, { presets: { to: next }, hidden: ['overrideReason'],
          submitLabel: 'Advance to ' + TT.phaseName(next) });
        handle.form.id = 'advance-form';
        gate.appendChild(handle.form);
      }

      if (full.conclusion) {
        // every other step is refused (409): only what is still taken is offered
        forms.appendChild(TT.el('h3', { text: 'Steps still open after the conclusion' }));
        ops.steps.filter(function (op) { return AFTER_CONCLUSION.test(op.path); })
          .forEach(function (op) { forms.appendChild(details(op)); });
        forms.setAttribute('data-phase', phase || '');
        forms.setAttribute('data-version', String(full.version));
        return;
      }
      forms.appendChild(TT.el('h3', { text: 'Steps of ' + TT.phaseName(phase).toLowerCase() }));
      (byPhase[phase] || []).forEach(function (op) { forms.appendChild(details(op)); });
      forms.appendChild(TT.el('h3', { text: 'Steps of any phase' }));
      anyPhase.forEach(function (op) {
        var box = details(op);
        if (op === decision) { decisionBox = box; }
        if (CONCLUDE.test(op.path)) { box.classList.add('conclude'); }
        forms.appendChild(box);
      });
      var earlier = TT.PHASES.slice(0, Math.max(0, index));
      if (earlier.length) {
        var corrections = TT.el('details', { className: 'corrections' }, [TT.el('summary', {
          text: 'Corrections: steps of earlier phases (recorded as corrections)' })]);
        earlier.forEach(function (p) {
          corrections.appendChild(TT.el('h4', { text: TT.phaseName(p) }));
          (byPhase[p] || []).forEach(function (op) { corrections.appendChild(details(op)); });
        });
        forms.appendChild(corrections);
      }
      forms.setAttribute('data-phase', phase || '');
      forms.setAttribute('data-version', String(full.version));
    });
  }

  /* ---------- a new trajectory ---------- */

  function renderNewTrajectory() {
    TT.show('new-trajectory');
    var holder = TT.clear($('new-trajectory-form'));
    TT.forms.operations().then(function (ops) {
      if (!ops || !ops.start) { holder.appendChild(TT.el('p', { text: 'The API description is not available.' })); return; }
      var me = TT.session.me || {};
      var handle = TT.forms.build(ops.start, {
        hidden: ['playbookVersion'], submitLabel: 'Start the trajectory', hint: START_HINT,
        presets: { 'parties#items': 2, 'parties[0].organisationName': me.organisation }
      });
      handle.form.id = 'start-form';
      handle.form.addEventListener('submit', function (event) {
        event.preventDefault();
        if (handle.missingRequired()) { return; }
        handle.key = handle.key || uuid();
        handle.submit.disabled = true;
        TT.api('/api/trajectories', { method: 'POST', body: handle.read(), headers: { 'Idempotency-Key': handle.key } })
          .then(function (answer) {
            handle.submit.disabled = false;
            if (answer.status !== 201 && answer.status !== 200) {
              handle.showProblem(answer.body && typeof answer.body === 'object' ? answer.body
                : { detail: 'The service answered ' + answer.status });
              return;
            }
            handle.key = null;
            TT.sent(handle.form);
            handle.status('Started. Opening it…');
            var id = answer.body.id;
            return waitForVersion(id, answer.body.version).then(function () {
              TT.loadList(0);
              return TT.openTrajectory(id);
            }).then(function () { TT.selectTab('tab-record'); });
          });
      });
      holder.appendChild(handle.form);
      var first = handle.form.querySelector('input,textarea');
      if (first) { first.focus(); }
    });
  }

  TT.on('trajectoryLoaded', function () {
    if (isNegotiator()) { renderRecord(); }
  });
  TT.on('signedIn', function () {
    if (isNegotiator()) { TT.forms.operations(); }
  });

  document.addEventListener('DOMContentLoaded', function () {
    $('new-trajectory-button').addEventListener('click', renderNewTrajectory);
    TT.route('new', function () { if (isNegotiator()) { renderNewTrajectory(); } else { TT.show('welcome'); } });
  });
})();
