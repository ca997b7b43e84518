<?xml version="1.0" encoding="UTF-8"?>
<!-- Widgets handlers put in <content> (docs/pages.md). Every text goes out
     through xsl:value-of or attribute value templates, so XSLT escapes it. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<!-- ===== form ===== -->

<xsl:template match="form">
	<xsl:variable name="method" select="translate(@method, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
	<form action="{@action}" accept-charset="UTF-8">
		<xsl:attribute name="method">
			<xsl:choose>
				<xsl:when test="$method = 'post'">post</xsl:when>
				<xsl:otherwise>get</xsl:otherwise>
			</xsl:choose>
		</xsl:attribute>
		<xsl:attribute name="class">
			<xsl:text>form</xsl:text>
			<xsl:if test="string(@class)"><xsl:text> </xsl:text><xsl:value-of select="@class"/></xsl:if>
			<!-- Only buttons (a delete button in a row): no frame around it. -->
			<xsl:if test="not(field[not(@type = 'hidden')])"> form-buttons</xsl:if>
		</xsl:attribute>
		<xsl:if test="string(@id)"><xsl:attribute name="id"><xsl:value-of select="@id"/></xsl:attribute></xsl:if>
		<xsl:if test="$method = 'post' and .//field[@type = 'file']">
			<xsl:attribute name="enctype">multipart/form-data</xsl:attribute>
		</xsl:if>
		<xsl:if test="string(@confirm)">
			<xsl:attribute name="data-confirm"><xsl:value-of select="crm:t(string(@confirm))"/></xsl:attribute>
		</xsl:if>
		<xsl:if test="$method = 'post'">
			<input type="hidden" name="csrf" value="{/page/csrf}"/>
		</xsl:if>
		<xsl:if test="string(@error)">
			<div class="form-error" role="alert"><xsl:value-of select="crm:t(string(@error))"/></div>
		</xsl:if>
		<xsl:apply-templates select="node()[not(self::submit or self::cancel)]"/>
		<xsl:if test="submit | cancel">
			<div class="form-actions">
				<xsl:apply-templates select="submit | cancel"/>
			</div>
		</xsl:if>
	</form>
</xsl:template>

<!-- An id unique on the page: f-name in the first form, fN-name in the others. -->
<xsl:template name="crm.field-id">
	<xsl:variable name="form" select="ancestor::form[1]"/>
	<xsl:choose>
		<xsl:when test="string($form/@id)"><xsl:value-of select="concat($form/@id, '-', @name)"/></xsl:when>
		<xsl:when test="$form and count($form/preceding::form | $form/ancestor::form) &gt; 0">
			<xsl:value-of select="concat('f', count($form/preceding::form | $form/ancestor::form) + 1, '-', @name)"/>
		</xsl:when>
		<xsl:otherwise><xsl:value-of select="concat('f-', @name)"/></xsl:otherwise>
	</xsl:choose>
</xsl:template>

<xsl:template match="field[@type = 'hidden']">
	<input type="hidden" name="{@name}" value="{@value}"/>
</xsl:template>

<xsl:template match="field">
	<xsl:variable name="id"><xsl:call-template name="crm.field-id"/></xsl:variable>
	<xsl:variable name="type">
		<xsl:choose>
			<xsl:when test="string(@type)"><xsl:value-of select="@type"/></xsl:when>
			<xsl:otherwise>text</xsl:otherwise>
		</xsl:choose>
	</xsl:variable>
	<xsl:variable name="has-error" select="string(@error) != ''"/>
	<div class="field field-{$type}">
		<xsl:if test="$has-error">
			<xsl:attribute name="class">field field-<xsl:value-of select="$type"/> has-error</xsl:attribute>
		</xsl:if>
		<xsl:choose>
			<xsl:when test="$type = 'checkbox'">
				<div class="check">
					<xsl:call-template name="crm.control">
						<xsl:with-param name="id" select="$id"/>
						<xsl:with-param name="type" select="$type"/>
					</xsl:call-template>
					<label for="{$id}">
						<xsl:if test="string(@label)"><xsl:value-of select="crm:t(string(@label))"/></xsl:if>
						<xsl:call-template name="crm.required-mark"/>
					</label>
				</div>
			</xsl:when>
			<xsl:otherwise>
				<label for="{$id}">
					<xsl:if test="string(@label)"><xsl:value-of select="crm:t(string(@label))"/></xsl:if>
					<xsl:call-template name="crm.required-mark"/>
				</label>
				<xsl:call-template name="crm.control">
					<xsl:with-param name="id" select="$id"/>
					<xsl:with-param name="type" select="$type"/>
				</xsl:call-template>
			</xsl:otherwise>
		</xsl:choose>
		<xsl:if test="$has-error">
			<p class="field-error" id="{$id}-error"><xsl:value-of select="crm:t(string(@error))"/></p>
		</xsl:if>
		<xsl:if test="string(@hint)">
			<p class="field-hint" id="{$id}-hint"><xsl:value-of select="crm:t(string(@hint))"/></p>
		</xsl:if>
	</div>
</xsl:template>

<xsl:template name="crm.required-mark">
	<xsl:if test="@required = '1'">
		<span class="required" title="{crm:t('core.required')}" aria-hidden="true">*</span>
	</xsl:if>
</xsl:template>

<!-- Attributes every control shares: name, id, required, error and hint wiring. -->
<xsl:template name="crm.control-attrs">
	<xsl:param name="id"/>
	<xsl:attribute name="name"><xsl:value-of select="@name"/></xsl:attribute>
	<xsl:attribute name="id"><xsl:value-of select="$id"/></xsl:attribute>
	<xsl:if test="@required = '1'">
		<xsl:attribute name="required">required</xsl:attribute>
		<xsl:attribute name="aria-required">true</xsl:attribute>
	</xsl:if>
	<xsl:if test="string(@error)">
		<xsl:attribute name="aria-invalid">true</xsl:attribute>
		<!-- Focus lands on the first field to fix. -->
		<xsl:if test="not(preceding::field[string(@error)])">
			<xsl:attribute name="autofocus">autofocus</xsl:attribute>
		</xsl:if>
	</xsl:if>
	<xsl:if test="string(@error) or string(@hint)">
		<xsl:attribute name="aria-describedby">
			<xsl:if test="string(@error)"><xsl:value-of select="$id"/>-error</xsl:if>
			<xsl:if test="string(@error) and string(@hint)"><xsl:text> </xsl:text></xsl:if>
			<xsl:if test="string(@hint)"><xsl:value-of select="$id"/>-hint</xsl:if>
		</xsl:attribute>
	</xsl:if>
	<xsl:if test="@autofocus = '1' and not(//field[string(@error)])">
		<xsl:attribute name="autofocus">autofocus</xsl:attribute>
	</xsl:if>
	<xsl:if test="@disabled = '1'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
	<xsl:if test="@readonly = '1'"><xsl:attribute name="readonly">readonly</xsl:attribute></xsl:if>
	<xsl:if test="string(@placeholder)">
		<xsl:attribute name="placeholder"><xsl:value-of select="crm:t(string(@placeholder))"/></xsl:attribute>
	</xsl:if>
	<xsl:for-each select="@autocomplete | @min | @max | @step | @maxlength | @pattern | @accept | @rows | @inputmode">
		<xsl:attribute name="{name()}"><xsl:value-of select="."/></xsl:attribute>
	</xsl:for-each>
</xsl:template>

<xsl:template name="crm.control">
	<xsl:param name="id"/>
	<xsl:param name="type"/>
	<xsl:choose>
		<xsl:when test="$type = 'textarea'">
			<textarea>
				<xsl:call-template name="crm.control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
				<xsl:if test="not(@rows)"><xsl:attribute name="rows">4</xsl:attribute></xsl:if>
				<xsl:choose>
					<xsl:when test="@value"><xsl:value-of select="@value"/></xsl:when>
					<xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
				</xsl:choose>
			</textarea>
		</xsl:when>
		<xsl:when test="$type = 'select'">
			<select>
				<xsl:call-template name="crm.control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
				<xsl:for-each select="option">
					<option>
						<xsl:if test="@value"><xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute></xsl:if>
						<xsl:if test="@selected = '1' or (../@value and @value = ../@value)">
							<xsl:attribute name="selected">selected</xsl:attribute>
						</xsl:if>
						<xsl:if test="string(.)"><xsl:value-of select="crm:t(string(.))"/></xsl:if>
					</option>
				</xsl:for-each>
			</select>
		</xsl:when>
		<xsl:when test="$type = 'checkbox'">
			<input type="checkbox">
				<xsl:call-template name="crm.control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
				<xsl:attribute name="value">
					<xsl:choose>
						<xsl:when test="string(@value)"><xsl:value-of select="@value"/></xsl:when>
						<xsl:otherwise>1</xsl:otherwise>
					</xsl:choose>
				</xsl:attribute>
				<xsl:if test="@checked = '1'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
			</input>
		</xsl:when>
		<xsl:otherwise>
			<input>
				<xsl:attribute name="type">
					<xsl:choose>
						<xsl:when test="$type = 'email' or $type = 'tel' or $type = 'number' or $type = 'date'
							or $type = 'password' or $type = 'file' or $type = 'search' or $type = 'url'
							or $type = 'time' or $type = 'datetime-local'"><xsl:value-of select="$type"/></xsl:when>
						<xsl:otherwise>text</xsl:otherwise>
					</xsl:choose>
				</xsl:attribute>
				<xsl:call-template name="crm.control-attrs"><xsl:with-param name="id" select="$id"/></xsl:call-template>
				<!-- Passwords are never sent back to the browser. -->
				<xsl:if test="$type != 'password' and $type != 'file' and @value">
					<xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute>
				</xsl:if>
				<xsl:if test="$type = 'number' and not(@step)"><xsl:attribute name="step">any</xsl:attribute></xsl:if>
			</input>
			<!-- Candidates crm_pick found for what was typed: the one chosen, posted as
			     NAME_id, wins over the text. -->
			<xsl:if test="option">
				<select name="{@name}_id" id="{$id}-pick" class="pick" aria-label="{crm:t('core.pick_choose')}">
					<option value=""><xsl:value-of select="crm:t('core.pick_choose')"/></option>
					<xsl:for-each select="option">
						<option value="{@value}">
							<xsl:if test="@selected = '1'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
							<xsl:value-of select="."/>
						</option>
					</xsl:for-each>
				</select>
			</xsl:if>
		</xsl:otherwise>
	</xsl:choose>
</xsl:template>

<xsl:template match="submit">
	<button type="submit">
		<xsl:attribute name="class">
			<xsl:text>btn </xsl:text>
			<xsl:choose>
				<xsl:when test="@kind = 'danger'">btn-danger</xsl:when>
				<xsl:when test="@kind = 'secondary'">btn-secondary</xsl:when>
				<xsl:otherwise>btn-primary</xsl:otherwise>
			</xsl:choose>
		</xsl:attribute>
		<xsl:if test="string(@name)"><xsl:attribute name="name"><xsl:value-of select="@name"/></xsl:attribute></xsl:if>
		<xsl:if test="@value"><xsl:attribute name="value"><xsl:value-of select="@value"/></xsl:attribute></xsl:if>
		<xsl:choose>
			<xsl:when test="string(@label)"><xsl:value-of select="crm:t(string(@label))"/></xsl:when>
			<xsl:otherwise><xsl:value-of select="crm:t('core.save')"/></xsl:otherwise>
		</xsl:choose>
	</button>
</xsl:template>

<xsl:template match="cancel">
	<a class="btn btn-secondary" href="{@href}">
		<xsl:choose>
			<xsl:when test="string(@label)"><xsl:value-of select="crm:t(string(@label))"/></xsl:when>
			<xsl:otherwise><xsl:value-of select="crm:t('core.cancel')"/></xsl:otherwise>
		</xsl:choose>
	</a>
</xsl:template>

<!-- ===== table, pager ===== -->

<!-- The plugin's rows are copied as they are; a wrapper scrolls wide tables on phones. -->
<xsl:template match="table">
	<div class="table-wrap">
		<table>
			<xsl:copy-of select="@*"/>
			<xsl:if test="not(@class)"><xsl:attribute name="class">list</xsl:attribute></xsl:if>
			<xsl:apply-templates/>
		</table>
	</div>
</xsl:template>

<!-- Copy-through inside tables; widgets (form, badge, ...) still match first. -->
<xsl:template match="table//*" priority="-1">
	<xsl:copy>
		<xsl:copy-of select="@*"/>
		<xsl:apply-templates/>
	</xsl:copy>
</xsl:template>

<!-- <th label="key"/>: a header cell whose text comes from the catalog. -->
<xsl:template match="table//th[@label and not(node())]">
	<th>
		<xsl:copy-of select="@*[name() != 'label']"/>
		<xsl:value-of select="crm:t(string(@label))"/>
	</th>
</xsl:template>

<xsl:template match="pager">
	<xsl:if test="string(@prev) or string(@next)">
		<nav class="pager" aria-label="{crm:t('core.pages')}">
			<xsl:choose>
				<xsl:when test="string(@prev)">
					<a class="btn btn-secondary" href="{@prev}" rel="prev">← <xsl:value-of select="crm:t('core.prev')"/></a>
				</xsl:when>
				<xsl:otherwise>
					<span class="btn btn-secondary is-disabled" aria-disabled="true">← <xsl:value-of select="crm:t('core.prev')"/></span>
				</xsl:otherwise>
			</xsl:choose>
			<xsl:choose>
				<xsl:when test="string(@next)">
					<a class="btn btn-secondary" href="{@next}" rel="next"><xsl:value-of select="crm:t('core.next')"/> →</a>
				</xsl:when>
				<xsl:otherwise>
					<span class="btn btn-secondary is-disabled" aria-disabled="true"><xsl:value-of select="crm:t('core.next')"/> →</span>
				</xsl:otherwise>
			</xsl:choose>
		</nav>
	</xsl:if>
</xsl:template>

<!-- ===== empty state ===== -->

<xsl:template match="empty">
	<div class="empty">
		<div class="empty-icon" aria-hidden="true">
			<svg width="48" height="48" viewBox="0 0 48 48" focusable="false"><rect x="6" y="10" width="36" height="28" rx="4" fill="none" stroke="currentColor" stroke-width="2.5"/><path d="M6 26h10l3 5h10l3-5h10" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"/></svg>
		</div>
		<h2 class="empty-title">
			<xsl:choose>
				<xsl:when test="string(@title)"><xsl:value-of select="crm:t(string(@title))"/></xsl:when>
				<xsl:otherwise><xsl:value-of select="crm:t('core.empty')"/></xsl:otherwise>
			</xsl:choose>
		</h2>
		<xsl:if test="string(@hint)">
			<p class="empty-hint"><xsl:value-of select="crm:t(string(@hint))"/></p>
		</xsl:if>
		<xsl:if test="string(@href)">
			<p class="empty-action">
				<a class="btn btn-primary" href="{@href}">
					<xsl:choose>
						<xsl:when test="string(@action)"><xsl:value-of select="crm:t(string(@action))"/></xsl:when>
						<xsl:otherwise><xsl:value-of select="crm:t('core.create')"/></xsl:otherwise>
					</xsl:choose>
				</a>
			</p>
		</xsl:if>
	</div>
</xsl:template>

<!-- ===== card ===== -->

<xsl:template match="card">
	<section class="card">
		<xsl:if test="string(@title)">
			<header class="card-head">
				<h2 class="card-title"><xsl:value-of select="@title"/></h2>
				<xsl:apply-templates select="actions"/>
			</header>
		</xsl:if>
		<xsl:if test="prop">
			<dl class="props">
				<xsl:apply-templates select="prop"/>
			</dl>
		</xsl:if>
		<xsl:choose>
			<xsl:when test="string(@title)"><xsl:apply-templates select="node()[not(self::prop or self::actions)]"/></xsl:when>
			<xsl:otherwise><xsl:apply-templates select="node()[not(self::prop)]"/></xsl:otherwise>
		</xsl:choose>
	</section>
</xsl:template>

<xsl:template match="prop">
	<div class="prop">
		<dt><xsl:value-of select="crm:t(string(@label))"/></dt>
		<dd>
			<xsl:choose>
				<xsl:when test="normalize-space(.) != '' or *"><xsl:apply-templates/></xsl:when>
				<xsl:otherwise><span class="muted">—</span></xsl:otherwise>
			</xsl:choose>
		</dd>
	</div>
</xsl:template>

<!-- ===== actions, badge (small extras) ===== -->

<!-- <actions><action href="" label="key" kind="primary|secondary|danger"/></actions> -->
<xsl:template match="actions">
	<div class="actions">
		<xsl:apply-templates/>
	</div>
</xsl:template>

<xsl:template match="action">
	<a href="{@href}">
		<xsl:attribute name="class">
			<xsl:text>btn </xsl:text>
			<xsl:choose>
				<xsl:when test="@kind = 'primary'">btn-primary</xsl:when>
				<xsl:when test="@kind = 'danger'">btn-danger-outline</xsl:when>
				<xsl:otherwise>btn-secondary</xsl:otherwise>
			</xsl:choose>
		</xsl:attribute>
		<xsl:value-of select="crm:t(string(@label))"/>
	</a>
</xsl:template>

<!-- <badge kind="ok|warn|error|muted">key or text</badge> -->
<xsl:template match="badge">
	<span class="badge badge-{@kind}"><xsl:value-of select="crm:t(normalize-space(.))"/></span>
</xsl:template>

<!-- ===== confirm ===== -->

<xsl:template match="confirm">
	<section class="card confirm">
		<div class="confirm-icon" aria-hidden="true">!</div>
		<div class="confirm-body">
			<p class="confirm-question">
				<xsl:choose>
					<xsl:when test="string(@question)"><xsl:value-of select="crm:t(string(@question))"/></xsl:when>
					<xsl:otherwise><xsl:value-of select="crm:t('core.confirm_delete')"/></xsl:otherwise>
				</xsl:choose>
			</p>
			<!-- Optional text content names the record being deleted. -->
			<xsl:if test="normalize-space(.) != ''">
				<p class="confirm-subject"><xsl:value-of select="normalize-space(.)"/></p>
			</xsl:if>
			<form class="confirm-form" method="post" action="{@action}" accept-charset="UTF-8">
				<input type="hidden" name="csrf" value="{/page/csrf}"/>
				<div class="form-actions">
					<button type="submit" class="btn btn-danger">
						<xsl:choose>
							<xsl:when test="string(@submit)"><xsl:value-of select="crm:t(string(@submit))"/></xsl:when>
							<xsl:otherwise><xsl:value-of select="crm:t('core.delete')"/></xsl:otherwise>
						</xsl:choose>
					</button>
					<a class="btn btn-secondary">
						<xsl:attribute name="href">
							<xsl:choose>
								<xsl:when test="string(@cancel)"><xsl:value-of select="@cancel"/></xsl:when>
								<xsl:otherwise>/</xsl:otherwise>
							</xsl:choose>
						</xsl:attribute>
						<xsl:value-of select="crm:t('core.cancel')"/>
					</a>
				</div>
			</form>
		</div>
	</section>
</xsl:template>

</xsl:stylesheet>
