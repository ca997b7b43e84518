<?xml version="1.0" encoding="UTF-8"?>
<!-- Attachments and the photo of a record (crm_files_xml), and the core's files pages. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<!-- A byte count as people read it: 512 B, 12.5 KB, 3.2 MB. -->
<xsl:template name="crm.file-size">
	<xsl:param name="bytes"/>
	<xsl:choose>
		<xsl:when test="$bytes &lt; 1024">
			<xsl:value-of select="concat($bytes, ' ', crm:t('core.size_b'))"/>
		</xsl:when>
		<xsl:when test="$bytes &lt; 1048576">
			<xsl:value-of select="concat(format-number($bytes div 1024, '0.#'), ' ', crm:t('core.size_kb'))"/>
		</xsl:when>
		<xsl:otherwise>
			<xsl:value-of select="concat(format-number($bytes div 1048576, '0.#'), ' ', crm:t('core.size_mb'))"/>
		</xsl:otherwise>
	</xsl:choose>
</xsl:template>

<xsl:template match="files[@entity]">
	<section class="card files" id="files" data-entity="{@entity}" data-record="{@record}">
		<header class="card-head">
			<h2 class="card-title"><xsl:value-of select="crm:t('core.files_title')"/></h2>
		</header>
		<xsl:choose>
			<xsl:when test="file">
				<ul class="file-list">
					<xsl:for-each select="file">
						<li class="file" data-id="{@id}">
							<a class="file-name" href="{@url}"><xsl:value-of select="name"/></a>
							<span class="file-meta muted">
								<xsl:call-template name="crm.file-size">
									<xsl:with-param name="bytes" select="number(size)"/>
								</xsl:call-template>
								<xsl:text> · </xsl:text><xsl:value-of select="created_at"/>
								<xsl:if test="string(user)"><xsl:text> · </xsl:text><xsl:value-of select="user"/></xsl:if>
							</span>
							<xsl:if test="string(@delete)">
								<a class="btn btn-ghost btn-small file-delete" href="{@delete}"><xsl:value-of select="crm:t('core.delete')"/></a>
							</xsl:if>
						</li>
					</xsl:for-each>
				</ul>
			</xsl:when>
			<xsl:otherwise>
				<p class="muted files-none"><xsl:value-of select="crm:t('core.files_none')"/></p>
			</xsl:otherwise>
		</xsl:choose>
		<xsl:if test="form">
			<xsl:apply-templates select="form"/>
			<p class="field-hint files-limit">
				<xsl:value-of select="crm:t('core.file_limit')"/>
				<xsl:text> </xsl:text>
				<xsl:call-template name="crm.file-size">
					<xsl:with-param name="bytes" select="number(@max)"/>
				</xsl:call-template>
			</p>
		</xsl:if>
	</section>
</xsl:template>

<xsl:template match="photo[@entity]">
	<section class="card photo" id="photo" data-entity="{@entity}" data-record="{@record}">
		<xsl:choose>
			<xsl:when test="string(@url)">
				<img class="photo-img" src="{@url}" alt="{crm:t('core.photo')}"/>
			</xsl:when>
			<xsl:otherwise>
				<div class="photo-none muted"><xsl:value-of select="crm:t('core.photo_none')"/></div>
			</xsl:otherwise>
		</xsl:choose>
		<xsl:if test="form">
			<div class="photo-actions"><xsl:apply-templates select="form"/></div>
		</xsl:if>
	</section>
</xsl:template>

<!-- GET /records/{entity}/{id}/files, and an upload refused with its message. -->
<xsl:template match="page[@view='core.files']/content">
	<p class="files-back">
		<a href="{record/@href}">
			<xsl:text>← </xsl:text>
			<xsl:value-of select="crm:t(string(record/@title))"/>
			<xsl:text> #</xsl:text>
			<xsl:value-of select="record/@id"/>
		</a>
	</p>
	<div class="files-page">
		<xsl:apply-templates select="photo"/>
		<xsl:apply-templates select="files"/>
	</div>
</xsl:template>

<xsl:template match="page[@view='core.file_delete']/content">
	<div class="narrow">
		<xsl:apply-templates select="confirm"/>
	</div>
</xsl:template>

</xsl:stylesheet>
