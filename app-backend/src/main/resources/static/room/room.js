// FirstCome's customer page: the event, a countdown to the opening, the waiting room (join, position,
// ETA, progress), the apply with the entry token, and the result. Plain JavaScript, no build step.
(function () {
  'use strict';
  const match = /^\/e\/(\d+)\/?$/.exec(location.pathname);
  const eventId = match ? match[1] : null;
  const $ = (id) => document.getElementById(id);
  const state = { event: null, ticket: null, firstPosition: null, timer: null, clock: null, userId: null };

  function show(id, visible) { $(id).hidden = !visible; }
  function text(id, value) { $(id).textContent = value; }

  function error(message) {
    text('error', message);
    show('error', !!message);
  }

  function result(message, won) {
    text('result', message);
    $('result').className = 'result ' + (won ? 'won' : 'lost');
    show('result', true);
    show('apply-section', false);
    show('waiting-section', false);
    show('join-section', false);
  }

  function duration(seconds) {
    if (seconds == null) return 'unknown';
    if (seconds < 60) return seconds + ' s';
    const m = Math.floor(seconds / 60), s = seconds % 60;
    if (m < 60) return m + ' min ' + (s ? s + ' s' : '');
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  async function call(method, path, body, headers) {
    const options = { method: method, headers: Object.assign({ 'Accept': 'application/json' }, headers || {}) };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, options);
    } catch (e) {
      return { status: 0, body: null };
    }
    let json = null;
    try { json = await response.json(); } catch (e) { json = null; }
    return { status: response.status, body: json, retryAfter: response.headers.get('Retry-After') };
  }

  // 503 (or no answer): say so clearly and try again
  function unavailable(reply, retry) {
    const wait = Math.max(1, parseInt(reply.retryAfter || '2', 10));
    error('The service is busy or briefly unavailable. Nothing is lost: we try again in ' + wait + ' s.');
    later(retry, wait * 1000);
  }

  function later(fn, millis) {
    clearTimeout(state.timer);
    state.timer = setTimeout(fn, millis);
  }

  function countdown() {
    clearInterval(state.clock);
    const tick = () => {
      const left = Math.round((Date.parse(state.event.startsAt) - Date.now()) / 1000);
      if (left > 0) {
        text('countdown', 'Opens in ' + duration(left));
        show('countdown', true);
      } else {
        show('countdown', false);
        clearInterval(state.clock);
      }
    };
    tick();
    state.clock = setInterval(tick, 1000);
  }

  async function loadEvent() {
    if (!eventId) { text('event-name', 'No such event'); return; }
    const reply = await call('GET', '/api/events/' + eventId);
    if (reply.status === 503 || reply.status === 0) { unavailable(reply, loadEvent); return; }
    if (reply.status !== 200) { text('event-name', 'No such event'); error(reply.body && reply.body.detail); return; }
    error('');
    state.event = reply.body;
    text('event-name', state.event.name);
    document.title = state.event.name + ' · FirstCome';
    countdown();
    const saved = localStorage.getItem('firstcome.user');
    if (saved) $('user-id').value = saved;
    show('join-section', true);
  }

  async function join() {
    const userId = $('user-id').value.trim();
    if (!userId) { error('Enter your customer id first.'); return; }
    state.userId = userId;
    localStorage.setItem('firstcome.user', userId);
    $('join').disabled = true;
    const reply = await call('POST', '/api/events/' + eventId + '/queue', { userId: userId });
    $('join').disabled = false;
    if (reply.status === 503 || reply.status === 0) { unavailable(reply, join); return; }
    if (reply.status === 429) { error('Too many tries: wait ' + (reply.retryAfter || 'a few') + ' s.'); return; }
    if (reply.status === 409 && reply.body && !reply.body.opensAt) {
      // no waiting room for this event: apply directly
      error('');
      show('join-section', false);
      show('apply-section', true);
      return;
    }
    if (reply.status === 409 && reply.body && reply.body.opensAt) {
      error('The waiting room opens at ' + new Date(reply.body.opensAt).toLocaleTimeString() + '. Keep this page open.');
      later(join, Math.max(1000, Date.parse(reply.body.opensAt) - Date.now()));
      return;
    }
    if (reply.status !== 200) { error((reply.body && reply.body.detail) || 'Could not join the queue.'); return; }
    error('');
    show('join-section', false);
    render(reply.body);
  }

  async function poll() {
    const reply = await call('GET', '/api/events/' + eventId + '/queue/' + state.ticket.ticketId);
    if (reply.status === 503 || reply.status === 0) { unavailable(reply, poll); return; }
    if (reply.status === 429) { later(poll, 1000 * Math.max(1, parseInt(reply.retryAfter || '1', 10))); return; }
    if (reply.status !== 200) { error((reply.body && reply.body.detail) || 'Could not read your place.'); return; }
    error('');
    render(reply.body);
  }

  function render(ticket) {
    state.ticket = ticket;
    switch (ticket.status) {
      case 'PREQUEUE':
        show('waiting-section', true);
        text('status', 'You are in the pre-queue.');
        text('position', ticket.position != null ? '#' + ticket.position : 'Waiting for the opening');
        text('eta', 'At the opening everyone in the pre-queue is shuffled: arriving early or late gives the same chance. '
          + ticket.waitingAhead + ' other visitors are waiting.');
        $('progress').style.width = '0%';
        break;
      case 'WAITING': {
        show('waiting-section', true);
        if (state.firstPosition == null || ticket.position > state.firstPosition) state.firstPosition = ticket.position;
        text('status', ticket.reason === 'PAUSED' ? 'The queue is paused for a moment.' : 'You are in line.');
        text('position', '#' + ticket.position);
        text('eta', 'Estimated wait: ' + duration(ticket.etaSeconds) + ' · ' + ticket.waitingAhead + ' ahead of you');
        const done = state.firstPosition > 1 ? (state.firstPosition - ticket.position) / (state.firstPosition - 1) : 0;
        $('progress').style.width = Math.round(100 * Math.max(0.03, done)) + '%';
        $('progress').parentElement.setAttribute('aria-valuenow', Math.round(100 * done));
        break;
      }
      case 'YOUR_TURN':
        show('waiting-section', false);
        show('apply-section', true);
        text('token-expiry', 'Apply before ' + new Date(ticket.entryTokenExpiresAt).toLocaleTimeString() + '.');
        return;
      case 'SOLD_OUT':
        result('Sold out: every coupon has been issued.', false);
        return;
      default:
        result(ticket.reason === 'ENTRY_EXPIRED' ? 'Your turn has passed.' : 'The queue is closed.', false);
        return;
    }
    later(poll, Math.max(1000, ticket.pollAfterMillis || 1000));
  }

  async function apply() {
    $('apply').disabled = true;
    const headers = state.ticket && state.ticket.entryToken ? { 'Entry-Token': state.ticket.entryToken } : {};
    const userId = state.userId || $('user-id').value.trim();
    const reply = await call('POST', '/api/events/' + eventId + '/apply', { userId: userId }, headers);
    $('apply').disabled = false;
    if (reply.status === 503 || reply.status === 0) { unavailable(reply, apply); return; }
    if (reply.status === 201) { result('You won! Your coupon is number ' + reply.body.rank + '.', true); return; }
    if (reply.status === 409 && reply.body) {
      const outcome = reply.body.outcome;
      if (outcome === 'ALREADY_APPLIED') { result('You already have a coupon for this event.', true); return; }
      if (outcome === 'SOLD_OUT' || outcome === 'DAILY_SOLD_OUT') { result('Sold out: every coupon has been issued.', false); return; }
      error(reply.body.detail);
      return;
    }
    if (reply.status === 429) { error('Too many tries: wait ' + (reply.retryAfter || 'a few') + ' s.'); return; }
    error((reply.body && reply.body.detail) || 'The apply failed.');
  }

  $('join').addEventListener('click', join);
  $('apply').addEventListener('click', apply);
  loadEvent();
})();
