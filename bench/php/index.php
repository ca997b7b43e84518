<?php
// The reference page: what a PHP-FPM app does for crmd's GET / (plugins/home):
// one prepared SELECT, the same SQL, and a page of about the same size, escaped
// with htmlspecialchars. A persistent connection (p:), PHP's best case, like
// crmd's connection per thread; nginx passes where the database is.
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$persistent = ($_SERVER['BENCH_DB_PERSISTENT'] ?? '1') === '1';
$db = mysqli_init();
// utf8mb4 in the handshake, as crmd does: no SET NAMES round trip per request.
$db->options(MYSQLI_SET_CHARSET_NAME, 'utf8mb4');
$db->real_connect(($persistent ? 'p:' : '') . 'localhost', $_SERVER['BENCH_DB_USER'], '',
	$_SERVER['BENCH_DB_NAME'], 0, $_SERVER['BENCH_DB_SOCKET']);
$st = $db->prepare(
	'SELECT m.plugin, MAX(m.id) AS schema_version, MAX(m.applied_at) AS applied_at, ' .
	'COALESCE(MAX(p.enabled), 1) AS enabled ' .
	'FROM crm_migration m LEFT JOIN crm_plugin p ON p.name = m.plugin ' .
	'GROUP BY m.plugin ORDER BY m.plugin');
$st->execute();
$rows = $st->get_result()->fetch_all(MYSQLI_ASSOC);
$st->close();

function h($s) { return htmlspecialchars((string)$s, ENT_QUOTES | ENT_HTML5, 'UTF-8'); }

header('Content-Type: text/html; charset=utf-8');
header('X-Content-Type-Options: nosniff');
header('Referrer-Policy: same-origin');
header("Content-Security-Policy: default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'");
header('Cache-Control: no-store');
$tenant = $_SERVER['BENCH_TENANT'] ?? 'default';
$path = $_SERVER['DOCUMENT_URI'] ?? '/';
?>
<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title><?= h('Home') ?> · CRM</title><link rel="stylesheet" href="/static/crm.css"><script src="/static/crm.js" defer></script></head><body class="view-home-index"><a class="skip-link" href="#main">Skip to content</a><input type="checkbox" id="nav-toggle" class="nav-toggle"><header class="topbar"><label for="nav-toggle" class="nav-button" title="Menu"><svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path></svg><span class="visually-hidden">Menu</span></label><a class="brand" href="/"><span class="brand-mark" aria-hidden="true"><svg width="22" height="22" viewBox="0 0 22 22" focusable="false"><rect width="22" height="22" rx="6" fill="currentColor"></rect><path d="M6 14.5l3.5-4 3 2.5L16 8" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"></path></svg></span><span class="brand-name">CRM</span></a><div class="topbar-user"><a class="btn btn-secondary btn-small" href="/login"><?= h('Sign in') ?></a></div></header><div class="shell"><nav class="sidebar" aria-label="Menu"><ul><li><a href="/"<?= $path === '/' ? ' class="active" aria-current="page"' : '' ?>><?= h('Home') ?></a></li></ul></nav><main id="main" tabindex="-1"><div class="page-head"><h1><?= h('Home') ?></h1></div><p class="lead"><?= h('Welcome. This portal runs the modules below.') ?></p><section class="card"><header class="card-header"><h2><?= h('Modules') ?></h2></header><div class="table-wrap"><table class="list"><thead><tr><th><?= h('Module') ?></th><th><?= h('Schema version') ?></th><th><?= h('Last migration') ?></th><th><?= h('State') ?></th></tr></thead><tbody>
<?php foreach ($rows as $r): ?>
<tr><td><?= h($r['plugin']) ?></td><td><?= h($r['schema_version']) ?></td><td><?= h($r['applied_at']) ?></td><td><?php if ((string)$r['enabled'] === '1'): ?><span class="badge badge-ok"><?= h('Enabled') ?></span><?php else: ?><span class="badge badge-muted"><?= h('Disabled') ?></span><?php endif ?></td></tr>
<?php endforeach ?>
</tbody></table></div></section><p class="muted"><?= h('Portal') ?>: <?= h($tenant) ?></p></main></div></body></html>
