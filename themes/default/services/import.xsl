<?xml version="1.0" encoding="UTF-8"?>
<!-- The CSV import wizard: record types and recent imports, the upload, the column
     mapping with its preview, the progress (the page reloads itself) and the report. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<!-- The wizard's steps, the current one marked. -->
<xsl:template name="import.steps">
	<xsl:param name="at"/>
	<ol class="import-steps">
		<li><xsl:if test="$at = 1"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if><xsl:value-of select="crm:t('import.step_upload')"/></li>
		<li><xsl:if test="$at = 2"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if><xsl:value-of select="crm:t('import.step_mapping')"/></li>
		<li><xsl:if test="$at = 3"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if><xsl:value-of select="crm:t('import.step_run')"/></li>
		<li><xsl:if test="$at = 4"><xsl:attribute name="aria-current">step</xsl:attribute></xsl:if><xsl:value-of select="crm:t('import.step_report')"/></li>
	</ol>
</xsl:template>

<xsl:template name="import.state">
	<xsl:param name="state"/>
	<xsl:param name="committed"/>
	<span>
		<xsl:attribute name="class">
			<xsl:choose>
				<xsl:when test="$state = 'done' and $committed = '1'">badge badge-ok</xsl:when>
				<xsl:when test="$state = 'done' or $state = 'failed'">badge badge-error</xsl:when>
				<xsl:otherwise>badge badge-warn</xsl:otherwise>
			</xsl:choose>
		</xsl:attribute>
		<xsl:choose>
			<xsl:when test="$state = 'done' and $committed != '1'"><xsl:value-of select="crm:t('import.state_undone')"/></xsl:when>
			<xsl:otherwise><xsl:value-of select="crm:t(concat('import.state_', $state))"/></xsl:otherwise>
		</xsl:choose>
	</span>
</xsl:template>

<!-- ===== /import ===== -->

<xsl:template match="page[@view='import.index']/content">
	<xsl:choose>
		<xsl:when test="importers/importer">
			<section class="card">
				<header class="card-head"><h2 class="card-title"><xsl:value-of select="crm:t('import.choose_type')"/></h2></header>
				<div class="actions import-types">
					<xsl:for-each select="importers/importer">
						<a class="btn btn-primary" href="/import/{@entity}"><xsl:value-of select="crm:t(string(@title))"/></a>
					</xsl:for-each>
				</div>
			</section>
		</xsl:when>
		<xsl:otherwise>
			<div class="empty">
				<p class="empty-title"><xsl:value-of select="crm:t('import.no_importers')"/></p>
			</div>
		</xsl:otherwise>
	</xsl:choose>
	<xsl:if test="imports/import">
		<h2><xsl:value-of select="crm:t('import.recent')"/></h2>
		<div class="table-wrap">
			<table class="list imports">
				<thead><tr>
					<th><xsl:value-of select="crm:t('import.file')"/></th>
					<th><xsl:value-of select="crm:t('import.when')"/></th>
					<th><xsl:value-of select="crm:t('import.status')"/></th>
					<th class="num"><xsl:value-of select="crm:t('import.rows')"/></th>
					<th class="num"><xsl:value-of select="crm:t('import.created')"/></th>
					<th class="num"><xsl:value-of select="crm:t('import.updated')"/></th>
					<th class="num"><xsl:value-of select="crm:t('import.refused')"/></th>
				</tr></thead>
				<tbody>
					<xsl:for-each select="imports/import">
						<tr data-import="{id}">
							<td><a href="/imports/{id}"><xsl:value-of select="filename"/></a></td>
							<td><xsl:value-of select="created_at"/></td>
							<td><xsl:call-template name="import.state">
								<xsl:with-param name="state" select="state"/>
								<xsl:with-param name="committed" select="committed"/>
							</xsl:call-template></td>
							<td class="num"><xsl:value-of select="total"/></td>
							<td class="num"><xsl:value-of select="created"/></td>
							<td class="num"><xsl:value-of select="updated"/></td>
							<td class="num"><xsl:value-of select="refused"/></td>
						</tr>
					</xsl:for-each>
				</tbody>
			</table>
		</div>
	</xsl:if>
</xsl:template>

<!-- ===== /import/{entity}: the upload ===== -->

<xsl:template match="page[@view='import.upload']/content">
	<xsl:variable name="u" select="import-upload"/>
	<div class="page-head">
		<h2><xsl:value-of select="crm:t('import.title')"/><xsl:text>: </xsl:text><xsl:value-of select="crm:t(string($u/@title))"/></h2>
	</div>
	<xsl:call-template name="import.steps"><xsl:with-param name="at" select="1"/></xsl:call-template>
	<div class="narrow">
		<xsl:apply-templates select="form"/>
		<section class="card import-help">
			<p><xsl:value-of select="crm:t('import.help_format')"/></p>
			<p class="muted"><xsl:value-of select="crm:t('import.help_limit')"/><xsl:text> </xsl:text><xsl:value-of select="$u/@max_mb"/><xsl:text> </xsl:text><xsl:value-of select="crm:t('core.size_mb')"/></p>
			<p><xsl:value-of select="crm:t('import.columns_known')"/></p>
			<ul class="import-columns">
				<xsl:for-each select="targets/target">
					<li>
						<code><xsl:value-of select="@name"/></code>
						<xsl:text> — </xsl:text>
						<xsl:choose>
							<xsl:when test="string(@title)"><xsl:value-of select="crm:t(string(@title))"/></xsl:when>
							<xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
						</xsl:choose>
					</li>
				</xsl:for-each>
			</ul>
		</section>
	</div>
</xsl:template>

<!-- The file's facts: name, encoding, delimiter, rows. -->
<xsl:template name="import.facts">
	<xsl:param name="i"/>
	<dl class="props import-facts">
		<div class="prop"><dt><xsl:value-of select="crm:t('import.file')"/></dt><dd><xsl:value-of select="$i/@filename"/></dd></div>
		<div class="prop"><dt><xsl:value-of select="crm:t('import.encoding')"/></dt><dd><xsl:value-of select="crm:t(concat('import.enc_', $i/@encoding))"/></dd></div>
		<!-- A workbook has cells, not delimiters. -->
		<xsl:if test="$i/@encoding != 'xlsx'">
			<div class="prop"><dt><xsl:value-of select="crm:t('import.delimiter')"/></dt><dd><xsl:value-of select="crm:t(concat('import.delim_', $i/@delimiter))"/></dd></div>
		</xsl:if>
		<div class="prop"><dt><xsl:value-of select="crm:t('import.rows')"/></dt><dd class="import-total"><xsl:value-of select="$i/@total"/></dd></div>
	</dl>
</xsl:template>

<xsl:template name="import.target-title">
	<xsl:param name="t"/>
	<xsl:choose>
		<xsl:when test="string($t/@title)"><xsl:value-of select="crm:t(string($t/@title))"/></xsl:when>
		<xsl:otherwise><xsl:value-of select="$t/@label"/></xsl:otherwise>
	</xsl:choose>
</xsl:template>

<!-- ===== /imports/{id} while mapping ===== -->

<xsl:template match="page[@view='import.mapping']/content">
	<xsl:variable name="i" select="import"/>
	<xsl:variable name="m" select="mapping"/>
	<div class="page-head">
		<h2><xsl:value-of select="crm:t('import.title')"/><xsl:text>: </xsl:text><xsl:value-of select="crm:t(string($i/@title))"/></h2>
	</div>
	<xsl:call-template name="import.steps"><xsl:with-param name="at" select="2"/></xsl:call-template>
	<section class="card">
		<xsl:call-template name="import.facts"><xsl:with-param name="i" select="$i"/></xsl:call-template>
		<p><a href="/import/{$i/@entity}"><xsl:value-of select="crm:t('import.other_file')"/></a></p>
	</section>
	<form method="post" action="{$m/@action}" accept-charset="UTF-8" class="form import-mapping">
		<input type="hidden" name="csrf" value="{/page/csrf}"/>
		<xsl:if test="string($m/@error)">
			<div class="form-error" role="alert"><xsl:value-of select="crm:t(string($m/@error))"/></div>
		</xsl:if>
		<h3><xsl:value-of select="crm:t('import.map_columns')"/></h3>
		<div class="table-wrap">
			<table class="list import-map">
				<thead><tr>
					<th><xsl:value-of select="crm:t('import.column')"/></th>
					<th><xsl:value-of select="crm:t('import.examples')"/></th>
					<th><xsl:value-of select="crm:t('import.import_as')"/></th>
				</tr></thead>
				<tbody>
					<xsl:for-each select="$m/column">
						<xsl:variable name="col" select="."/>
						<tr data-column="{@index}">
							<xsl:if test="string(@error)"><xsl:attribute name="class">has-error</xsl:attribute></xsl:if>
							<td><label for="col_{@index}"><xsl:choose>
								<xsl:when test="string(@header)"><xsl:value-of select="@header"/></xsl:when>
								<xsl:otherwise><span class="muted"><xsl:value-of select="crm:t('import.no_header')"/><xsl:text> </xsl:text><xsl:value-of select="@index + 1"/></span></xsl:otherwise>
							</xsl:choose></label></td>
							<td class="import-samples">
								<xsl:for-each select="sample">
									<xsl:if test="position() &gt; 1"><br/></xsl:if>
									<xsl:value-of select="."/>
								</xsl:for-each>
							</td>
							<td>
								<select name="col_{@index}" id="col_{@index}">
									<xsl:if test="string(@error)">
										<xsl:attribute name="aria-invalid">true</xsl:attribute>
										<xsl:attribute name="aria-describedby">col_<xsl:value-of select="@index"/>-error</xsl:attribute>
									</xsl:if>
									<option value=""><xsl:value-of select="crm:t('import.ignore')"/></option>
									<xsl:for-each select="$m/targets/target">
										<option value="{@name}">
											<xsl:if test="@name = $col/@value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
											<xsl:call-template name="import.target-title"><xsl:with-param name="t" select="."/></xsl:call-template>
											<xsl:if test="@required = '1'"> *</xsl:if>
										</option>
									</xsl:for-each>
								</select>
								<xsl:if test="string(@error)">
									<p class="field-error" id="col_{@index}-error"><xsl:value-of select="crm:t(string(@error))"/></p>
								</xsl:if>
							</td>
						</tr>
					</xsl:for-each>
				</tbody>
			</table>
		</div>

		<fieldset class="field import-choice">
			<legend><xsl:value-of select="crm:t('import.policy')"/></legend>
			<xsl:call-template name="import.radio"><xsl:with-param name="name" select="'policy'"/><xsl:with-param name="value" select="'skip'"/><xsl:with-param name="current" select="$m/@policy"/></xsl:call-template>
			<xsl:call-template name="import.radio"><xsl:with-param name="name" select="'policy'"/><xsl:with-param name="value" select="'update'"/><xsl:with-param name="current" select="$m/@policy"/></xsl:call-template>
			<xsl:call-template name="import.radio"><xsl:with-param name="name" select="'policy'"/><xsl:with-param name="value" select="'create'"/><xsl:with-param name="current" select="$m/@policy"/></xsl:call-template>
		</fieldset>
		<fieldset class="field import-choice">
			<legend><xsl:value-of select="crm:t('import.mode')"/></legend>
			<xsl:call-template name="import.radio"><xsl:with-param name="name" select="'mode'"/><xsl:with-param name="value" select="'good'"/><xsl:with-param name="current" select="$m/@mode"/></xsl:call-template>
			<xsl:call-template name="import.radio"><xsl:with-param name="name" select="'mode'"/><xsl:with-param name="value" select="'all'"/><xsl:with-param name="current" select="$m/@mode"/></xsl:call-template>
		</fieldset>
		<div class="form-actions">
			<button type="submit" class="btn btn-primary"><xsl:value-of select="crm:t('import.start')"/></button>
			<a class="btn btn-secondary" href="/import"><xsl:value-of select="crm:t('core.cancel')"/></a>
		</div>
	</form>

	<h3><xsl:value-of select="crm:t('import.preview')"/></h3>
	<div class="table-wrap">
		<table class="list import-preview">
			<thead><tr>
				<th class="num"><xsl:value-of select="crm:t('import.line')"/></th>
				<xsl:for-each select="preview/header/cell"><th><xsl:value-of select="."/></th></xsl:for-each>
			</tr></thead>
			<tbody>
				<xsl:for-each select="preview/row">
					<tr>
						<td class="num muted"><xsl:value-of select="@line"/></td>
						<xsl:for-each select="cell"><td><xsl:value-of select="."/></td></xsl:for-each>
					</tr>
				</xsl:for-each>
			</tbody>
		</table>
	</div>
</xsl:template>

<!-- A radio choice with its label and hint: import.<name>_<value>[_hint]. -->
<xsl:template name="import.radio">
	<xsl:param name="name"/>
	<xsl:param name="value"/>
	<xsl:param name="current"/>
	<div class="check import-radio">
		<input type="radio" name="{$name}" id="{$name}-{$value}" value="{$value}">
			<xsl:if test="$current = $value"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
		</input>
		<label for="{$name}-{$value}">
			<strong><xsl:value-of select="crm:t(concat('import.', $name, '_', $value))"/></strong>
			<span class="field-hint"><xsl:value-of select="crm:t(concat('import.', $name, '_', $value, '_hint'))"/></span>
		</label>
	</div>
</xsl:template>

<!-- ===== /imports/{id} while it runs ===== -->

<xsl:template match="page[@view='import.progress']/content">
	<xsl:variable name="i" select="import"/>
	<div class="page-head">
		<h2><xsl:value-of select="crm:t('import.title')"/><xsl:text>: </xsl:text><xsl:value-of select="crm:t(string($i/@title))"/></h2>
	</div>
	<xsl:call-template name="import.steps"><xsl:with-param name="at" select="3"/></xsl:call-template>
	<section class="card import-progress" data-state="{$i/@state}" aria-live="polite">
		<xsl:call-template name="import.facts"><xsl:with-param name="i" select="$i"/></xsl:call-template>
		<p>
			<xsl:choose>
				<xsl:when test="$i/@state = 'queued'"><xsl:value-of select="crm:t('import.waiting')"/></xsl:when>
				<xsl:otherwise>
					<xsl:value-of select="crm:t('import.progress_done')"/><xsl:text> </xsl:text>
					<span class="import-done"><xsl:value-of select="$i/@done"/></span>
					<xsl:text> / </xsl:text><xsl:value-of select="$i/@total"/>
				</xsl:otherwise>
			</xsl:choose>
		</p>
		<progress max="100" value="{$i/@percent}"><xsl:value-of select="$i/@percent"/>%</progress>
		<p class="muted"><xsl:value-of select="crm:t('import.progress_hint')"/></p>
	</section>
</xsl:template>

<!-- ===== /imports/{id} when finished ===== -->

<xsl:template match="page[@view='import.report']/content">
	<xsl:variable name="i" select="import"/>
	<div class="page-head">
		<h2><xsl:value-of select="crm:t('import.title')"/><xsl:text>: </xsl:text><xsl:value-of select="crm:t(string($i/@title))"/></h2>
	</div>
	<xsl:call-template name="import.steps"><xsl:with-param name="at" select="4"/></xsl:call-template>
	<section class="card import-report" data-state="{$i/@state}" data-committed="{$i/@committed}">
		<header class="card-head">
			<h2 class="card-title">
				<xsl:call-template name="import.state">
					<xsl:with-param name="state" select="$i/@state"/>
					<xsl:with-param name="committed" select="$i/@committed"/>
				</xsl:call-template>
			</h2>
		</header>
		<xsl:if test="string($i/@message)">
			<p class="import-message" role="alert"><xsl:value-of select="crm:t(string($i/@message))"/></p>
		</xsl:if>
		<xsl:if test="$i/@state = 'failed' and $i/@committed = '1'">
			<p class="import-message"><xsl:value-of select="crm:t('import.stored_up_to')"/><xsl:text> </xsl:text><xsl:value-of select="$i/@done"/></p>
		</xsl:if>
		<xsl:call-template name="import.facts"><xsl:with-param name="i" select="$i"/></xsl:call-template>
		<dl class="props import-counts">
			<div class="prop"><dt><xsl:value-of select="crm:t('import.created')"/></dt><dd class="import-created"><xsl:value-of select="$i/@created"/></dd></div>
			<div class="prop"><dt><xsl:value-of select="crm:t('import.updated')"/></dt><dd class="import-updated"><xsl:value-of select="$i/@updated"/></dd></div>
			<div class="prop"><dt><xsl:value-of select="crm:t('import.skipped')"/></dt><dd class="import-skipped"><xsl:value-of select="$i/@skipped"/></dd></div>
			<div class="prop"><dt><xsl:value-of select="crm:t('import.refused')"/></dt><dd class="import-refused"><xsl:value-of select="$i/@refused"/></dd></div>
		</dl>
		<div class="actions">
			<xsl:if test="string($i/@list)">
				<a class="btn btn-primary import-list" href="{$i/@list}"><xsl:value-of select="crm:t('import.to_list')"/></a>
			</xsl:if>
			<xsl:if test="refused/row">
				<a class="btn btn-secondary" href="/imports/{$i/@id}/refused.csv"><xsl:value-of select="crm:t('import.download_refused')"/></a>
			</xsl:if>
			<a class="btn btn-secondary" href="/import/{$i/@entity}"><xsl:value-of select="crm:t('import.again')"/></a>
		</div>
	</section>
	<xsl:if test="refused/row">
		<h3><xsl:value-of select="crm:t('import.refused_rows')"/></h3>
		<div class="table-wrap">
			<table class="list import-refused">
				<thead><tr>
					<th class="num"><xsl:value-of select="crm:t('import.line')"/></th>
					<th><xsl:value-of select="crm:t('import.field')"/></th>
					<th><xsl:value-of select="crm:t('import.reason')"/></th>
				</tr></thead>
				<tbody>
					<xsl:for-each select="refused/row">
						<xsl:variable name="f" select="string(field)"/>
						<tr data-line="{line}">
							<td class="num"><xsl:value-of select="line"/></td>
							<td>
								<xsl:choose>
									<xsl:when test="../../targets/target[@name = $f]">
										<xsl:call-template name="import.target-title"><xsl:with-param name="t" select="../../targets/target[@name = $f]"/></xsl:call-template>
									</xsl:when>
									<xsl:when test="starts-with($f, 'cf:')"><xsl:value-of select="substring($f, 4)"/></xsl:when>
									<xsl:otherwise><xsl:value-of select="$f"/></xsl:otherwise>
								</xsl:choose>
							</td>
							<td>
								<xsl:value-of select="crm:t(string(reason))"/>
								<xsl:if test="partial = '1'"><xsl:text> </xsl:text><span class="muted"><xsl:value-of select="crm:t('import.partial')"/></span></xsl:if>
							</td>
						</tr>
					</xsl:for-each>
				</tbody>
			</table>
		</div>
		<xsl:apply-templates select="pager"/>
	</xsl:if>
</xsl:template>

</xsl:stylesheet>
