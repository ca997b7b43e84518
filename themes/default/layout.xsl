<?xml version="1.0" encoding="UTF-8"?>
<!-- The page shell: head, top bar, navigation, flash messages, main, panels.
     Compiled together with widgets.xsl and the plugins' templates; the
     catch-all templates here have low priority so plugins win. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<xsl:output method="html" encoding="UTF-8" doctype-system="about:legacy-compat" indent="no"/>

<!-- Constant markup (the icons, the head's links, the menu checkbox) is written as text,
     byte for byte as the HTML writer would write the elements (end tags included): one
     text node costs the transform and the writer far less than the elements and
     attributes it stands for, and a page is the same. The core always sets @locale. -->
<xsl:template match="/">
	<xsl:variable name="has-nav" select="boolean(page/menu/item)"/>
	<xsl:variable name="product" select="crm:t('core.product')"/>
	<xsl:variable name="title" select="crm:t(string(page/title))"/>
	<html lang="{page/@locale}">
		<head>
			<xsl:text disable-output-escaping="yes"><![CDATA[<meta name="viewport" content="width=device-width, initial-scale=1">]]></xsl:text>
			<title>
				<xsl:if test="string(page/title)">
					<xsl:value-of select="$title"/>
					<xsl:text> · </xsl:text>
				</xsl:if>
				<xsl:value-of select="$product"/>
			</title>
			<xsl:text disable-output-escaping="yes"><![CDATA[<link rel="stylesheet" href="/static/crm.css"><script src="/static/crm.js" defer></script>]]></xsl:text>
		</head>
		<body class="view-{translate(page/@view, '.', '-')}">
			<xsl:if test="not($has-nav)">
				<xsl:attribute name="class">view-<xsl:value-of select="translate(page/@view, '.', '-')"/> no-nav</xsl:attribute>
			</xsl:if>
			<a class="skip-link" href="#main"><xsl:value-of select="crm:t('core.skip_to_content')"/></a>
			<!-- A checkbox drives the narrow-screen menu so it works without JS. -->
			<xsl:if test="$has-nav">
				<xsl:text disable-output-escaping="yes"><![CDATA[<input type="checkbox" id="nav-toggle" class="nav-toggle">]]></xsl:text>
			</xsl:if>
			<header class="topbar">
				<xsl:if test="$has-nav">
					<xsl:variable name="menu" select="crm:t('core.menu')"/>
					<label for="nav-toggle" class="nav-button" title="{$menu}">
						<xsl:text disable-output-escaping="yes"><![CDATA[<svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M3 5h14M3 10h14M3 15h14" stroke="currentColor" stroke-width="2" stroke-linecap="round"></path></svg>]]></xsl:text>
						<span class="visually-hidden"><xsl:value-of select="$menu"/></span>
					</label>
				</xsl:if>
				<a class="brand" href="/">
					<xsl:text disable-output-escaping="yes"><![CDATA[<span class="brand-mark" aria-hidden="true"><svg width="22" height="22" viewBox="0 0 22 22" focusable="false"><rect width="22" height="22" rx="6" fill="currentColor"></rect><path d="M6 14.5l3.5-4 3 2.5L16 8" fill="none" stroke="#fff" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"></path></svg></span>]]></xsl:text>
					<span class="brand-name"><xsl:value-of select="$product"/></span>
				</a>
				<div class="topbar-user">
					<xsl:choose>
						<xsl:when test="page/user">
							<a class="bell" href="/notifications" title="{crm:t('core.notifications')}">
								<xsl:text disable-output-escaping="yes"><![CDATA[<svg width="18" height="18" viewBox="0 0 20 20" aria-hidden="true" focusable="false"><path d="M10 2a5 5 0 0 0-5 5v3l-1.5 3h13L15 10V7a5 5 0 0 0-5-5zM8 16a2 2 0 0 0 4 0" fill="none" stroke="currentColor" stroke-width="1.6" stroke-linejoin="round"></path></svg>]]></xsl:text>
								<span class="visually-hidden"><xsl:value-of select="crm:t('core.notifications')"/></span>
								<xsl:if test="page/user/@unread &gt; 0">
									<span class="bell-count"><xsl:value-of select="page/user/@unread"/></span>
								</xsl:if>
							</a>
							<a class="user-name" href="/profile/password" title="{crm:t('core.change_password')}">
								<span class="avatar" aria-hidden="true"><xsl:value-of select="substring(normalize-space(page/user/@name), 1, 1)"/></span>
								<span class="user-name-text"><xsl:value-of select="page/user/@name"/></span>
							</a>
							<form class="logout" method="post" action="/logout">
								<input type="hidden" name="csrf" value="{page/csrf}"/>
								<button type="submit" class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('core.sign_out')"/></button>
							</form>
						</xsl:when>
						<xsl:when test="page/@path = '/login'"/>
						<xsl:otherwise>
							<a class="btn btn-secondary btn-small" href="/login"><xsl:value-of select="crm:t('core.sign_in')"/></a>
						</xsl:otherwise>
					</xsl:choose>
				</div>
			</header>
			<div class="shell">
				<xsl:if test="$has-nav">
					<nav class="sidebar" aria-label="{crm:t('core.menu')}">
						<ul>
							<xsl:apply-templates select="page/menu/item"/>
						</ul>
					</nav>
				</xsl:if>
				<main id="main" tabindex="-1">
					<xsl:apply-templates select="page/flash"/>
					<xsl:if test="string(page/title) and not(page/@view = 'core.error')">
						<div class="page-head">
							<h1><xsl:value-of select="$title"/></h1>
						</div>
					</xsl:if>
					<xsl:apply-templates select="page/content"/>
					<xsl:apply-templates select="page/panel"/>
				</main>
			</div>
		</body>
	</html>
</xsl:template>

<xsl:template match="page/menu/item">
	<li>
		<a href="{@href}">
			<xsl:if test="@active = '1'">
				<xsl:attribute name="class">active</xsl:attribute>
				<xsl:attribute name="aria-current">page</xsl:attribute>
			</xsl:if>
			<xsl:value-of select="crm:t(string(@title))"/>
			<!-- A count some plugin gives the entry ("menu.counts"): tasks due today, ... -->
			<xsl:if test="@count &gt; 0">
				<xsl:text> </xsl:text><span class="menu-count"><xsl:value-of select="@count"/></span>
			</xsl:if>
		</a>
	</li>
</xsl:template>

<!-- Flash text is translated by the core; crm:t returns unknown text unchanged. -->
<xsl:template match="page/flash">
	<div class="flash flash-ok" role="status" data-dismiss-label="{crm:t('core.dismiss')}">
		<xsl:if test="@kind = 'error'">
			<xsl:attribute name="class">flash flash-error</xsl:attribute>
			<xsl:attribute name="role">alert</xsl:attribute>
		</xsl:if>
		<span class="flash-text"><xsl:value-of select="crm:t(normalize-space(.))"/></span>
	</div>
</xsl:template>

<!-- Lowest priority: any plugin's page[@view='...']/content wins. -->
<xsl:template match="page/content" priority="-1">
	<xsl:apply-templates/>
</xsl:template>

<xsl:template match="page/panel" priority="-1">
	<section class="panel" data-panel="{@name}">
		<xsl:if test="string(@title)">
			<h2 class="panel-title"><xsl:value-of select="crm:t(string(@title))"/></h2>
		</xsl:if>
		<div class="panel-body">
			<xsl:apply-templates/>
		</div>
	</section>
</xsl:template>

<!-- View core.error: <content><error status="404"><message>key or text</message></error></content>. -->
<xsl:template match="page[@view='core.error']/content">
	<xsl:apply-templates select="error"/>
</xsl:template>

<xsl:template match="error">
	<section class="error-page">
		<p class="error-status"><xsl:value-of select="@status"/></p>
		<h1 class="error-title"><xsl:value-of select="crm:t('core.error_title')"/></h1>
		<xsl:if test="string(message)">
			<p class="error-message"><xsl:value-of select="crm:t(normalize-space(message))"/></p>
		</xsl:if>
		<p class="error-actions">
			<a class="btn btn-primary" href="/"><xsl:value-of select="crm:t('core.back_home')"/></a>
		</p>
	</section>
</xsl:template>

<!-- View core.message: <content><message>key or text</message></content>. -->
<xsl:template match="page[@view='core.message']/content">
	<section class="card message-page">
		<xsl:for-each select="message">
			<p class="message-text"><xsl:value-of select="crm:t(normalize-space(.))"/></p>
		</xsl:for-each>
		<xsl:apply-templates select="*[not(self::message)]"/>
		<p class="message-actions">
			<a class="btn btn-secondary" href="/"><xsl:value-of select="crm:t('core.back_home')"/></a>
		</p>
	</section>
</xsl:template>

</xsl:stylesheet>
