<?xml version="1.0" encoding="UTF-8"?>
<!-- Tags, custom fields and history of any record (crm/records.h), on a card and in a
     form (mode="form": the element sits inside the plugin's <form>), and the core's
     pages that take a note or a card's tags back with a message. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<!-- ===== tags ===== -->

<!-- The tag input and its suggestions, shared by the card's editor and forms. -->
<xsl:template name="crm.tags-input">
	<xsl:param name="id"/>
	<div class="field field-text field-tags">
		<xsl:if test="string(@error)"><xsl:attribute name="class">field field-text field-tags has-error</xsl:attribute></xsl:if>
		<label for="{$id}"><xsl:value-of select="crm:t('core.tags.title')"/></label>
		<input type="text" name="tags" id="{$id}" value="{@value}" list="{$id}-list" autocomplete="off"
			aria-describedby="{$id}-hint">
			<xsl:if test="string(@error)">
				<xsl:attribute name="aria-invalid">true</xsl:attribute>
				<xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-error <xsl:value-of select="$id"/>-hint</xsl:attribute>
				<xsl:attribute name="autofocus">autofocus</xsl:attribute>
			</xsl:if>
		</input>
		<datalist id="{$id}-list">
			<xsl:for-each select="all-tags/tag">
				<option value="{.}"/>
			</xsl:for-each>
		</datalist>
		<xsl:if test="string(@error)">
			<p class="field-error" id="{$id}-error"><xsl:value-of select="crm:t(string(@error))"/></p>
		</xsl:if>
		<p class="field-hint" id="{$id}-hint"><xsl:value-of select="crm:t('core.tags.hint')"/></p>
	</div>
</xsl:template>

<xsl:template name="crm.tag-chips">
	<xsl:choose>
		<xsl:when test="tag">
			<ul class="tag-list">
				<xsl:for-each select="tag">
					<li class="tag" data-tag="{.}"><xsl:value-of select="."/></li>
				</xsl:for-each>
			</ul>
		</xsl:when>
		<xsl:otherwise><span class="muted tags-none"><xsl:value-of select="crm:t('core.tags.none')"/></span></xsl:otherwise>
	</xsl:choose>
</xsl:template>

<!-- On a card: the chips, and for writers an editor that opens in place. -->
<xsl:template match="tags[@entity]">
	<div class="tags" id="tags" data-entity="{@entity}" data-record="{@record}">
		<span class="tags-label"><xsl:value-of select="crm:t('core.tags.title')"/>:</span>
		<xsl:text> </xsl:text>
		<xsl:call-template name="crm.tag-chips"/>
		<xsl:if test="@editable = '1' and string(@action)">
			<details class="tags-edit">
				<xsl:if test="string(@error)"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
				<summary class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('core.tags.edit')"/></summary>
				<form method="post" action="{@action}" class="form inline tags-form" accept-charset="UTF-8">
					<input type="hidden" name="csrf" value="{/page/csrf}"/>
					<xsl:call-template name="crm.tags-input">
						<xsl:with-param name="id" select="'tags-input'"/>
					</xsl:call-template>
					<div class="form-actions">
						<button type="submit" class="btn btn-primary btn-small"><xsl:value-of select="crm:t('core.tags.save')"/></button>
					</div>
				</form>
			</details>
		</xsl:if>
	</div>
</xsl:template>

<!-- In a form: one input named "tags", saved by the plugin with crm_tags_set. -->
<xsl:template match="tags[@entity and @mode = 'form']" priority="1">
	<xsl:call-template name="crm.tags-input">
		<xsl:with-param name="id" select="concat('tags-', generate-id())"/>
	</xsl:call-template>
</xsl:template>

<!-- ===== custom fields ===== -->

<xsl:template match="custom-fields[@entity]">
	<xsl:if test="value">
		<dl class="props custom-fields" data-entity="{@entity}">
			<xsl:for-each select="value">
				<div class="prop custom-field" data-field="{@field}">
					<dt><xsl:value-of select="@name"/></dt>
					<dd>
						<xsl:choose>
							<xsl:when test="not(string(.))"><span class="muted">—</span></xsl:when>
							<xsl:when test="@type = 'checkbox' and . = '1'"><xsl:value-of select="crm:t('core.yes')"/></xsl:when>
							<xsl:when test="@type = 'checkbox'"><xsl:value-of select="crm:t('core.no')"/></xsl:when>
							<xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
						</xsl:choose>
					</dd>
				</div>
			</xsl:for-each>
		</dl>
	</xsl:if>
</xsl:template>

<!-- In a form: the theme's own field widgets, one per field. -->
<xsl:template match="custom-fields[@entity and @mode = 'form']" priority="1">
	<xsl:if test="field[@type != 'hidden']">
		<fieldset class="custom-fields" data-entity="{@entity}">
			<legend><xsl:value-of select="crm:t('core.fields.title')"/></legend>
			<xsl:apply-templates select="field"/>
		</fieldset>
	</xsl:if>
</xsl:template>

<!-- ===== history ===== -->

<xsl:template match="history[@entity]">
	<section class="card history" id="history" data-entity="{@entity}" data-record="{@record}">
		<header class="card-head">
			<h2 class="card-title"><xsl:value-of select="crm:t('core.history.title')"/></h2>
		</header>
		<xsl:apply-templates select="form"/>
		<xsl:choose>
			<xsl:when test="item">
				<ol class="history-list">
					<xsl:for-each select="item">
						<li class="history-item history-{@code}" data-id="{@id}">
							<div class="history-meta">
								<span class="badge history-category"><xsl:value-of select="crm:t(string(@category))"/></span>
								<xsl:text> </xsl:text>
								<time class="muted" datetime="{@at}"><xsl:value-of select="substring(@at, 1, 16)"/></time>
								<xsl:if test="string(@user)">
									<xsl:text> · </xsl:text><span class="history-user"><xsl:value-of select="@user"/></span>
								</xsl:if>
							</div>
							<div class="history-text"><xsl:value-of select="."/></div>
							<xsl:if test="string(@url)">
								<a class="history-link" href="{@url}"><xsl:value-of select="crm:t('core.open')"/></a>
							</xsl:if>
						</li>
					</xsl:for-each>
				</ol>
			</xsl:when>
			<xsl:otherwise>
				<p class="muted history-none"><xsl:value-of select="crm:t('core.history.none')"/></p>
			</xsl:otherwise>
		</xsl:choose>
		<xsl:if test="string(@older) or string(@newest)">
			<nav class="pager" aria-label="{crm:t('core.pages')}">
				<xsl:choose>
					<xsl:when test="string(@newest)">
						<a class="btn btn-secondary" href="{@newest}" rel="prev"><xsl:value-of select="crm:t('core.history.newest')"/></a>
					</xsl:when>
					<xsl:otherwise><span/></xsl:otherwise>
				</xsl:choose>
				<xsl:if test="string(@older)">
					<a class="btn btn-secondary" href="{@older}" rel="next"><xsl:value-of select="crm:t('core.history.older')"/> →</a>
				</xsl:if>
			</nav>
		</xsl:if>
	</section>
</xsl:template>

<!-- ===== the core's pages: a note or tags sent back with a message ===== -->

<xsl:template match="page[@view='core.record_note' or @view='core.record_tags']/content">
	<section class="card narrow">
		<header class="card-head">
			<h2 class="card-title"><xsl:value-of select="crm:t(string(/page/title))"/></h2>
		</header>
		<xsl:apply-templates select="*[not(self::back)]"/>
		<p><a href="{back/@href}">← <xsl:value-of select="crm:t('core.back')"/></a></p>
	</section>
</xsl:template>

</xsl:stylesheet>
