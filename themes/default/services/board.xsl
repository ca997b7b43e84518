<?xml version="1.0" encoding="UTF-8"?>
<!-- The kanban board any page may put in its content (<board> with <column>s of <card>s),
     dragged with crm.js, and moved without JavaScript by each card's small form. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<!-- <board move-url="" back=""><column key="" title="" count="" sum=""><card id="" href=""
     title="" sub="" amount=""/><more href="" count=""/></column></board> -->
<xsl:template match="board">
	<div class="board" data-move-url="{@move-url}" data-csrf="{/page/csrf}"
		data-error="{crm:t('core.board.failed')}">
		<div class="board-status" role="status" aria-live="polite"></div>
		<div class="board-columns">
			<xsl:for-each select="column">
				<section class="board-column" data-key="{@key}">
					<header class="board-head">
						<h2 class="board-title"><xsl:value-of select="@title"/></h2>
						<span class="board-count" data-count="{@count}" title="{crm:t('core.board.count')}">
							<xsl:value-of select="@count"/>
						</span>
						<xsl:if test="string(@sum)">
							<span class="board-sum"><xsl:value-of select="@sum"/></span>
						</xsl:if>
					</header>
					<ul class="board-cards"><xsl:apply-templates select="card"/></ul>
					<p class="board-empty muted"><xsl:value-of select="crm:t('core.board.empty')"/></p>
					<xsl:for-each select="more">
						<a class="board-more" href="{@href}">
							<xsl:value-of select="concat(crm:t('core.board.more'), ': ', @count, ' →')"/>
						</a>
					</xsl:for-each>
				</section>
			</xsl:for-each>
		</div>
	</div>
</xsl:template>

<!-- A card, with the no-JS form that moves it: the same fields the drag posts. -->
<xsl:template match="board/column/card">
	<xsl:variable name="board" select="../.."/>
	<xsl:variable name="here" select="string(../@key)"/>
	<xsl:variable name="fid" select="concat('board-to-', @id)"/>
	<li class="board-card" draggable="true" data-id="{@id}">
		<a class="board-card-title" href="{@href}"><xsl:value-of select="@title"/></a>
		<xsl:if test="string(@sub)">
			<p class="board-card-sub"><xsl:value-of select="@sub"/></p>
		</xsl:if>
		<xsl:if test="string(@amount)">
			<p class="board-card-amount"><xsl:value-of select="@amount"/></p>
		</xsl:if>
		<details class="board-move">
			<summary><xsl:value-of select="crm:t('core.board.move')"/></summary>
			<form class="board-move-form" method="post" action="{$board/@move-url}" accept-charset="UTF-8">
				<input type="hidden" name="csrf" value="{/page/csrf}"/>
				<input type="hidden" name="id" value="{@id}"/>
				<input type="hidden" name="back" value="{$board/@back}"/>
				<label class="visually-hidden" for="{$fid}"><xsl:value-of select="crm:t('core.board.move_to')"/></label>
				<select name="to" id="{$fid}">
					<xsl:for-each select="$board/column">
						<option value="{@key}">
							<xsl:if test="string(@key) = $here"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
							<xsl:value-of select="@title"/>
						</option>
					</xsl:for-each>
				</select>
				<button type="submit" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('core.board.save')"/></button>
			</form>
		</details>
	</li>
</xsl:template>

</xsl:stylesheet>
