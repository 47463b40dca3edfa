/*
 * Forms generated from the served OpenAPI document: every step a trajectory can record is a POST under
 * /api/trajectories/{id}/ whose request schema says its fields, and whose tag says its phase ("Phase 2: co-design";
 * any other tag is a step of any phase). The playbook adds the readable names of phases and guiding questions.
 */
(function () {
  'use strict';

  var TT = window.TT;
  var STEP_PATH = /^\/api\/trajectories\/\{id\}\/[a-z-]+$/;
  var LONG_TEXT = /(why|rationale|reason|description|summary|note|text|impact|challenge|position|resolution|purpose|explanation|lesson|message|pitfall|successFactor)$/i;
  var LABELS = {
    occurredAt: 'When it happened (empty: now)', goalId: 'Goal id (your reference)', decisionId: 'Decision id (your reference)',
    guidingQuestionId: 'Guiding question it answers', overrideReason: 'Reason to pass a closed gate',
    personTrust: 'Trust in the person (1–5)', organisationTrust: 'Trust in the organisation (1–5)',
    servesOurGoals: 'Does it serve our goals?', contractingQuestion: 'So do we have a contracting question?',
    batna: 'BATNA (best alternative to a negotiated agreement)', to: 'To phase', aboutPhase: 'About phase'
  };
  var documentPromise = null;
  var formCounter = 0;

  function openApi() {
    if (!documentPromise) {
      documentPromise = fetch('/v3/api-docs', { headers: { Accept: 'application/json' } })
        .then(function (response) { return response.ok ? response.json() : null; }, function () { return null; });
    }
    return documentPromise;
  }

  function resolve(doc, schema) {
    var seen = 0;
    while (schema && schema.$ref && seen++ < 10) {
      var name = schema.$ref.replace('#/components/schemas/', '');
      schema = doc.components && doc.components.schemas ? doc.components.schemas[name] : null;
    }
    // OpenAPI 3.1 marks a member that may be null as a type list, e.g. ["array", "null"]: the form asks for the other
    if (schema && Array.isArray(schema.type)) {
      var copy = Object.assign({}, schema);
      copy.type = schema.type.filter(function (type) { return type !== 'null'; })[0];
      return copy;
    }
    return schema || {};
  }

  function phaseOfTags(tags) {
    var found = 'ANY';
    (tags || []).some(function (tag) {
      var number = /phase\s*(\d)/i.exec(tag);
      if (number && TT.PHASES[Number(number[1]) - 1]) { found = TT.PHASES[Number(number[1]) - 1]; return true; }
      var named = TT.PHASES.filter(function (phase) {
        return TT.phaseName(phase).toLowerCase() === String(tag).toLowerCase();
      })[0];
      if (named) { found = named; return true; }
      return false;
    });
    return found;
  }

  /* Every step operation: {id, path, phase, label, description, schema}; the start of a trajectory apart. */
  function operations() {
    return openApi().then(function (doc) {
      if (!doc || !doc.paths) { return null; }
      var steps = [], start = null;
      Object.keys(doc.paths).forEach(function (path) {
        var post = doc.paths[path].post;
        if (!post || !post.requestBody) { return; }
        var content = post.requestBody.content || {};
        var media = content['application/json'] || content[Object.keys(content)[0]];
        if (!media || !media.schema) { return; }
        var operation = {
          id: post.operationId || path, path: path, phase: phaseOfTags(post.tags),
          label: post.summary || words(post.operationId || path.split('/').pop()),
          description: post.description || '', schema: resolve(doc, media.schema), doc: doc
        };
        if (path === '/api/trajectories') { start = operation; }
        else if (STEP_PATH.test(path)) { steps.push(operation); }
      });
      steps.sort(function (a, b) { return a.label.localeCompare(b.label); });
      return { steps: steps, start: start };
    });
  }

  /*
   * What a form says of its step: the first paragraph of the API's description, without its Markdown; the rest is
   * for programmers (If-Match, Idempotency-Key, status codes), which the page handles itself.
   */
  function intro(description) {
    return description.split('\n\n')[0].replace(/\*\*|`/g, '');
  }

  /* "parties[1].type" in words: "Parties 2 › Type". */
  function readablePath(path) {
    return String(path).split('.').map(function (segment) {
      var item = /^(.*)\[(\d+)\]$/.exec(segment);
      return item ? label(item[1]) + ' ' + (Number(item[2]) + 1) : label(segment);
    }).join(' › ');
  }

  function label(name) {
    return LABELS[name] || words(name);
  }

  /* An operation or field name in words, with the playbook's own spelling of a few terms. */
  function words(name) {
    return TT.capitalise(TT.humanise(name).replace(/\bbatna\b/g, 'BATNA').replace(/\bwin win win\b/g, 'win-win-win')
      .replace(/\bgo no go\b/g, 'go/no-go'));
  }

  function isPhaseEnum(values) {
    return values && values.length === TT.PHASES.length && values.every(function (v) { return TT.PHASES.indexOf(v) >= 0; });
  }

  /* ---------- fields ---------- */

  function field(doc, name, schema, path, idPrefix, presets, required) {
    schema = resolve(doc, schema);
    var id = idPrefix + '-' + path.replace(/[^A-Za-z0-9]+/g, '-');
    var preset = presets ? presets[path] : undefined;
    if (schema.type === 'array') {
      var items = resolve(doc, schema.items);
      if (items.type === 'object' || items.properties) { return objectList(doc, name, items, path, idPrefix, presets); }
      return textList(name, path, id, preset);
    }
    if (schema.type === 'object' || schema.properties) {
      return group(doc, name, schema, path, idPrefix, presets);
    }
    var input, read;
    if (name === 'guidingQuestionId') {
      input = questionSelect(id, path, preset);
      read = function () { return input.value || undefined; };
    } else if (schema.enum) {
      input = TT.el('select', { id: id, name: path }, [TT.el('option', { value: '', text: '—' })].concat(
        schema.enum.map(function (value) {
          return TT.el('option', { value: value, text: isPhaseEnum(schema.enum) ? TT.phaseName(value)
            : schema.enum.indexOf('FALLBACK_TO_BATNA') >= 0 ? TT.outcomeName(value) : TT.humanise(value) });
        })));
      if (preset !== undefined) { input.value = preset; }
      read = function () { return input.value || undefined; };
    } else if (schema.type === 'boolean') {
      input = TT.el('select', { id: id, name: path }, [TT.el('option', { value: '', text: '—' }),
        TT.el('option', { value: 'true', text: 'yes' }), TT.el('option', { value: 'false', text: 'no' })]);
      if (preset !== undefined) { input.value = String(preset); }
      read = function () { return input.value === '' ? undefined : input.value === 'true'; };
    } else if (schema.type === 'integer' || schema.type === 'number') {
      var trust = /Trust$/.test(name);
      input = TT.el('input', { id: id, name: path, type: 'number', step: schema.type === 'integer' ? '1' : 'any',
        min: trust ? '1' : null, max: trust ? '5' : null, inputmode: 'decimal' });
      if (preset !== undefined) { input.value = String(preset); }
      read = function () { return input.value === '' ? undefined : Number(input.value); };
    } else if (name === 'occurredAt') {
      input = TT.el('input', { id: id, name: path, type: 'datetime-local' });
      read = function () { return input.value ? new Date(input.value).toISOString() : undefined; };
    } else if (schema.format === 'date') {
      input = TT.el('input', { id: id, name: path, type: 'date' });
      if (preset !== undefined) { input.value = preset; }
      read = function () { return input.value || undefined; };
    } else {
      input = LONG_TEXT.test(name) ? TT.el('textarea', { id: id, name: path, rows: '2' })
        : TT.el('input', { id: id, name: path, type: 'text' });
      if (preset !== undefined) { input.value = preset; }
      read = function () { return input.value.trim() === '' ? undefined : input.value; };
    }
    if (required) { input.setAttribute('aria-required', 'true'); }
    input.setAttribute('data-label', readablePath(path));
    var wrapper = TT.el('div', { className: 'field', 'data-field': path },
      [TT.el('label', { for: id, text: label(name) + (required ? ' (required)' : '') }), input]);
    return { node: wrapper, read: read, path: path, required: !!required, input: input, name: name };
  }

  function questionSelect(id, path, preset) {
    var select = TT.el('select', { id: id, name: path }, [TT.el('option', { value: '', text: '— none —' })]);
    var book = TT.state.playbook;
    ((book && book.phases) || []).forEach(function (phase) {
      var optgroup = TT.el('optgroup', { label: phase.number + '. ' + TT.localised(phase.name) });
      (phase.topics || []).forEach(function (topic) {
        (topic.questions || []).forEach(function (question) {
          optgroup.appendChild(TT.el('option', { value: question.id, text: TT.localised(question.text) }));
        });
      });
      select.appendChild(optgroup);
    });
    if (preset) { select.value = preset; }
    return select;
  }

  function textList(name, path, id, preset) {
    var area = TT.el('textarea', { id: id, name: path, rows: '2', 'aria-describedby': id + '-hint' });
    if (Array.isArray(preset)) { area.value = preset.join('\n'); }
    var node = TT.el('div', { className: 'field', 'data-field': path }, [
      TT.el('label', { for: id, text: label(name) }), area,
      TT.el('span', { id: id + '-hint', className: 'hint', text: 'one per line' })]);
    return {
      node: node, path: path,
      read: function () {
        var lines = area.value.split('\n').map(function (line) { return line.trim(); })
          .filter(function (line) { return line; });
        return lines.length ? lines : undefined;
      }
    };
  }

  function group(doc, name, schema, path, idPrefix, presets) {
    var required = schema.required || [];
    var children = Object.keys(schema.properties || {}).map(function (key) {
      return field(doc, key, schema.properties[key], path ? path + '.' + key : key, idPrefix, presets,
        required.indexOf(key) >= 0);
    });
    var fieldset = TT.el('fieldset', { className: 'group', 'data-field': path },
      [TT.el('legend', { text: label(name) })].concat(children.map(function (c) { return c.node; })));
    return { node: fieldset, path: path, read: function () { return readAll(children); } };
  }

  function objectList(doc, name, itemSchema, path, idPrefix, presets) {
    var entries = [];
    var holder = TT.el('div', { className: 'items' });
    var fieldset = TT.el('fieldset', { className: 'group list', 'data-field': path }, [TT.el('legend', { text: label(name) }), holder]);
    function add() {
      var index = entries.length;
      var itemPath = path + '[' + index + ']';
      var required = itemSchema.required || [];
      var children = Object.keys(itemSchema.properties || {}).map(function (key) {
        return field(doc, key, itemSchema.properties[key], itemPath + '.' + key, idPrefix, presets,
          required.indexOf(key) >= 0);
      });
      var item = TT.el('div', { className: 'item', 'data-index': String(index) }, children.map(function (c) { return c.node; }));
      holder.appendChild(item);
      entries.push(children);
      return item;
    }
    var initial = presets && presets[path + '#items'] ? presets[path + '#items'] : 1;
    for (var i = 0; i < initial; i++) { add(); }
    fieldset.appendChild(TT.el('button', { type: 'button', className: 'add-item', text: 'Add another ' + TT.humanise(name).replace(/ies$/, 'y').replace(/s$/, ''),
      onclick: function () { var item = add(); var first = item.querySelector('input,select,textarea'); if (first) { first.focus(); } } }));
    return {
      node: fieldset, path: path,
      read: function () {
        var values = entries.map(readAll).filter(function (value) { return value !== undefined; });
        return values.length ? values : undefined;
      }
    };
  }

  function readAll(children) {
    var value = {}, any = false;
    children.forEach(function (child) {
      var v = child.read();
      if (v !== undefined) { value[child.path.split('.').pop().replace(/\[\d+\]$/, '')] = v; any = true; }
    });
    return any ? value : undefined;
  }

  /*
   * A form for one operation: {form, read(), showProblem(problem), clearProblems(), status(text)}. presets maps a
   * field's path (e.g. "to", "parties[0].organisationName") to a first value, "parties#items" to a number of rows.
   */
  function build(operation, options) {
    options = options || {};
    var doc = operation.doc;
    var idPrefix = 'f' + (++formCounter) + '-' + operation.id;
    var hidden = options.hidden || [];
    var required = operation.schema.required || [];
    var fields = Object.keys(operation.schema.properties || {}).filter(function (name) {
      return hidden.indexOf(name) < 0;
    }).map(function (name) {
      return field(doc, name, operation.schema.properties[name], name, idPrefix, options.presets,
        required.indexOf(name) >= 0);
    });
    var message = TT.el('div', { className: 'form-message', role: 'alert', id: idPrefix + '-message' });
    var submit = TT.el('button', { type: 'submit', className: 'primary', text: options.submitLabel || 'Record' });
    var form = TT.el('form', { className: 'step-form', 'data-operation': operation.id, novalidate: true,
      'aria-describedby': idPrefix + '-message' },
      (options.hint || operation.description
        ? [TT.el('p', { className: 'hint', text: options.hint || intro(operation.description) })] : [])
        .concat(fields.map(function (f) { return f.node; })).concat([message, submit]));
    function clearProblems() {
      TT.clear(message);
      message.removeAttribute('data-code');
      Array.prototype.forEach.call(form.querySelectorAll('[aria-invalid]'), function (input) {
        input.removeAttribute('aria-invalid');
        input.removeAttribute('aria-errormessage');
      });
      Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (n) { n.parentNode.removeChild(n); });
    }
    function markInvalid(input, text) {
      var errorId = input.id + '-error';
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-errormessage', errorId);
      input.setAttribute('aria-describedby', errorId);
      input.parentNode.appendChild(TT.el('span', { id: errorId, className: 'field-error', text: text }));
    }
    /*
     * Every required field left empty, said at once before anything is sent (the service names one at a time). A
     * required field of a group or list item counts once something else in it is filled in: an empty item is left out.
     */
    function missingRequired() {
      var missing = Array.prototype.filter.call(form.querySelectorAll('[aria-required=true]'), function (input) {
        if (input.value.trim() !== '') { return false; }
        var box = input.parentNode.parentNode.closest('.item, fieldset.group');
        return !box || Array.prototype.some.call(box.querySelectorAll('input, select, textarea'), function (other) {
          return other !== input && other.value.trim() !== '';
        });
      });
      if (!missing.length) { return false; }
      clearProblems();
      message.setAttribute('data-code', 'REQUIRED');
      message.appendChild(TT.el('strong', { text: 'Not recorded' }));
      message.appendChild(document.createTextNode(': required, still empty: '
        + missing.map(function (input) { return input.getAttribute('data-label'); }).join(', ')));
      missing.forEach(function (input) { markInvalid(input, 'is required'); });
      missing[0].focus();
      return true;
    }
    function showProblem(problem, extra) {
      clearProblems();
      problem = problem || {};
      message.setAttribute('data-code', problem.code || String(problem.status || ''));
      message.appendChild(TT.el('strong', { text: problem.title || 'Not recorded' }));
      var detail = problem.detail || 'the service refused the step';
      if (problem.field) {
        // the field by its label, not its JSON path ("parties[1].type" is "Parties 2 › Type")
        var exact = form.querySelector('[name="' + problem.field + '"]');
        var named = exact ? exact.getAttribute('data-label') : readablePath(problem.field);
        var said = detail.split(problem.field).join(named);
        message.appendChild(document.createTextNode(': ' + said));
        var input = exact
          || form.querySelector('[name^="' + problem.field.split('.')[0].replace(/\[\d+\]$/, '') + '"]');
        if (input) { markInvalid(input, exact && detail.indexOf(problem.field + ': ') === 0
          ? detail.substring(problem.field.length + 2) : said); }
      } else {
        message.appendChild(document.createTextNode(': ' + detail));
      }
      if (extra) { message.appendChild(extra); }
    }
    return {
      form: form, submit: submit, message: message, clearProblems: clearProblems, showProblem: showProblem,
      missingRequired: missingRequired,
      read: function () { return readAll(fields) || {}; },
      status: function (text) { clearProblems(); message.appendChild(document.createTextNode(text)); }
    };
  }

  TT.forms = { openApi: openApi, operations: operations, build: build, label: label };
})();
