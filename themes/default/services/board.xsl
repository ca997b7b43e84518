<?xml version="1.0" encoding="UTF-8"?>
<!-- The kanban board any page may put in its content (<board> with <column>s of <card>s),
     dragged with crm.js, and moved without JavaScript by the board's one form. -->
<xsl:stylesheet version="1.0"
	xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
	xmlns:crm="urn:crm"
	extension-element-prefixes="crm"
	exclude-result-prefixes="crm">

<!-- <board move-url="" back=""><column key="" title="" count="" sum=""><card id="" href=""
     title="" sub="" amount=""/><more href="" count=""/></column></board>
     Without JavaScript (and from the keyboard, which cannot drag) a card is moved by
     ticking it and choosing its column in the one form above the columns; each card
     carries only its radio button, so a board of many cards stays a small page. -->
<xsl:template match="board">
	<xsl:variable name="pick" select="crm:t('core.board.pick')"/>
	<div class="board" data-move-url="{@move-url}" data-csrf="{/page/csrf}"
		data-error="{crm:t('core.board.failed')}" data-pick-first="{crm:t('core.board.pick_first')}">
		<div class="board-status" role="status" aria-live="polite"></div>
		<form class="board-move-form" id="board-move" method="post" action="{@move-url}" accept-charset="UTF-8">
			<input type="hidden" name="csrf" value="{/page/csrf}"/>
			<input type="hidden" name="back" value="{@back}"/>
			<label for="board-move-to"><xsl:value-of select="crm:t('core.board.move_to')"/></label>
			<select name="to" id="board-move-to">
				<xsl:for-each select="column">
					<option value="{@key}"><xsl:value-of select="@title"/></option>
				</xsl:for-each>
			</select>
			<button type="submit" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('core.board.save')"/></button>
		</form>
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
					<ul class="board-cards">
						<xsl:for-each select="card">
							<li class="board-card" draggable="true" data-id="{@id}">
								<input type="radio" class="board-pick" name="id" value="{@id}" form="board-move"
									aria-label="{$pick} {@title}"/>
								<a class="board-card-title" href="{@href}"><xsl:value-of select="@title"/></a>
								<xsl:if test="string(@sub)">
									<p class="board-card-sub"><xsl:value-of select="@sub"/></p>
								</xsl:if>
								<xsl:if test="string(@amount)">
									<p class="board-card-amount"><xsl:value-of select="@amount"/></p>
								</xsl:if>
							</li>
						</xsl:for-each>
					</ul>
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

</xsl:stylesheet>
