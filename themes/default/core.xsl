<?xml version="1.0" encoding="UTF-8"?>
<!-- The core's own pages: sign-in, password change, notifications. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<xsl:template match="page[@view='core.login']/content">
	<div class="auth-box">
		<xsl:apply-templates/>
	</div>
</xsl:template>

<xsl:template match="page[@view='core.password']/content">
	<div class="narrow">
		<xsl:apply-templates/>
	</div>
</xsl:template>

<xsl:template match="page[@view='core.notifications']/content">
	<xsl:choose>
		<xsl:when test="notifications/notification">
			<form method="post" action="/notifications/read-all" class="inline">
				<input type="hidden" name="csrf" value="{/page/csrf}"/>
				<button type="submit" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('core.mark_all_read')"/></button>
			</form>
			<ul class="notifications">
				<xsl:for-each select="notifications/notification">
					<li>
						<xsl:attribute name="class">notification<xsl:if test="is_read = '0'"> unread</xsl:if></xsl:attribute>
						<div class="notification-text">
							<strong><xsl:value-of select="crm:t(string(msg_key))"/></strong>
							<xsl:if test="string(text)">
								<xsl:text>: </xsl:text><xsl:value-of select="text"/>
							</xsl:if>
						</div>
						<div class="notification-meta muted"><xsl:value-of select="created_at"/></div>
						<xsl:if test="is_read = '0' or string(url)">
							<form method="post" action="/notifications/{id}/read" class="inline">
								<input type="hidden" name="csrf" value="{/page/csrf}"/>
								<xsl:if test="not(string(url))"><input type="hidden" name="stay" value="1"/></xsl:if>
								<button type="submit" class="btn btn-ghost btn-small">
									<xsl:choose>
										<xsl:when test="string(url)"><xsl:value-of select="crm:t('core.open')"/></xsl:when>
										<xsl:otherwise><xsl:value-of select="crm:t('core.mark_read')"/></xsl:otherwise>
									</xsl:choose>
								</button>
							</form>
						</xsl:if>
					</li>
				</xsl:for-each>
			</ul>
			<xsl:apply-templates select="pager"/>
		</xsl:when>
		<xsl:otherwise>
			<div class="empty">
				<p class="empty-title"><xsl:value-of select="crm:t('core.no_notifications')"/></p>
			</div>
		</xsl:otherwise>
	</xsl:choose>
</xsl:template>

</xsl:stylesheet>
