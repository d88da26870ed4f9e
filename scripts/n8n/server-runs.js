// Running saved workflows in a started n8n server, and answering its approval emails, as a person does in the
// editor and the inbox: shared by the demo and the end-to-end tests.
'use strict';

const { httpRequest } = require('./instance');

// n8n answers an empty page to bots (link previews) without resuming a waiting execution: a browser's agent.
const BROWSER_USER_AGENT =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

/**
 * The editor's "Execute workflow" from a trigger (default *Run Now*), through the REST API; waits for the end
 * of that execution (not of the executions it starts without waiting, such as approvals).
 */
async function runInServer(n8n, workflowId, trigger = 'Run Now', timeoutMs = 3 * 60_000) {
	const started = await n8n.rest('POST', `/rest/workflows/${workflowId}/run`, {
		triggerToStartFrom: { name: trigger },
	});
	const executionId = started.body?.data?.executionId;
	if (!executionId)
		throw new Error(`run not started: ${started.status} ${started.text.slice(0, 500)}`);
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const response = await n8n.rest('GET', `/rest/executions/${executionId}`);
		const execution = response.body?.data;
		const status = execution?.status ?? 'unknown';
		if (!['new', 'running', 'unknown'].includes(status)) {
			return { status, data: String(execution?.data ?? ''), executionId };
		}
		if (Date.now() > deadline) throw new Error(`execution ${executionId} still ${status}`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

/** The Approve (or Decline) link of an approval email sent by Send Email's *Send and Wait*. */
function approvalLink(email, approved = true) {
	const match = new RegExp(`href="([^"]*approved=${approved}[^"]*)"`).exec(email.html ?? '');
	return match ? match[1].replace(/&amp;/g, '&') : undefined;
}

/** Opens an approval link as a person's browser does; resolves to the HTTP answer. */
function openApprovalLink(link) {
	return httpRequest('GET', link, { headers: { 'User-Agent': BROWSER_USER_AGENT } });
}

module.exports = { runInServer, approvalLink, openApprovalLink, BROWSER_USER_AGENT };
