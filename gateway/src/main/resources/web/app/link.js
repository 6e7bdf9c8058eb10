// Why the broker link is down, in words: the gateway reports what the network library said ("EOFException",
// "Connection refused"); the banner says what happened and with which broker.

const REASONS = [
  [/refused/i, at => 'connection refused by ' + at],
  [/EOF|connection lost|reset|broken pipe|closed/i, at => 'the broker at ' + at + ' closed the connection'],
  [/timed? ?out|timeout/i, at => 'no answer from ' + at],
  [/unknown ?host|UnresolvedAddress|name or service not known/i, at => 'the broker\'s name ' + at + ' is not known'],
  [/not authori[sz]ed|bad user ?name or password|authentication/i, at => at + ' refused the user name or password'],
  [/certificate|ssl|tls|handshake/i, at => 'the TLS handshake with ' + at + ' failed'],
  [/no route|unreachable/i, at => at + ' cannot be reached from the gateway'],
  [/keep.?alive|no ping/i, at => 'the broker at ' + at + ' stopped answering'],
];

/** {connected, broker: "tcp://192.168.1.10:1883", reason: "Connection refused"} → "connection refused by 192.168.1.10:1883". */
export function linkReason(connection) {
  const reason = connection?.reason;
  if (!reason || connection.connected) return '';
  const at = hostOf(connection.broker);
  for (const [pattern, say] of REASONS) if (pattern.test(reason)) return say(at);
  // Unknown: the message without Java's class names.
  return reason.replace(/\b(?:[a-z]+\.)+([A-Z]\w*(?:Exception|Error))\b:?\s*/g, '').replace(/\(\s*\)/, '').trim() || 'the link to ' + at + ' is down';
}

function hostOf(url) {
  if (!url) return 'the broker';
  const m = /^[a-z]+:\/\/(?:[^@/]*@)?([^/]+)/i.exec(url);
  return m ? m[1] : url;
}
