<?xml version="1.0" encoding="UTF-8"?>
<!-- /calendar: a month or a week of the user's tasks and the events they may see, with
     plain links to move around (no JavaScript); on narrow screens the days stack. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='tasks.calendar']/content">
  <xsl:variable name="c" select="calendar"/>
  <div class="cal-head">
    <h2 class="cal-title">
      <xsl:choose>
        <xsl:when test="$c/@view = 'week'">
          <xsl:value-of select="$c/@first"/><xsl:text> — </xsl:text><xsl:value-of select="$c/@last"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="crm:t(string($c/@month))"/><xsl:text> </xsl:text><xsl:value-of select="$c/@year"/>
        </xsl:otherwise>
      </xsl:choose>
    </h2>
    <nav class="actions cal-nav" aria-label="{crm:t('tasks.calendar_title')}">
      <a class="btn btn-secondary btn-small cal-prev" href="{$c/@prev}" rel="prev">← <xsl:value-of select="crm:t('tasks.cal_prev')"/></a>
      <a class="btn btn-secondary btn-small cal-today" href="{$c/@today}"><xsl:value-of select="crm:t('tasks.cal_today')"/></a>
      <a class="btn btn-secondary btn-small cal-next" href="{$c/@next}" rel="next"><xsl:value-of select="crm:t('tasks.cal_next')"/> →</a>
      <a href="{$c/@month-view}">
        <xsl:attribute name="class">btn btn-small <xsl:choose><xsl:when test="$c/@view = 'month'">btn-primary</xsl:when><xsl:otherwise>btn-ghost</xsl:otherwise></xsl:choose></xsl:attribute>
        <xsl:value-of select="crm:t('tasks.cal_month')"/>
      </a>
      <a href="{$c/@week-view}">
        <xsl:attribute name="class">btn btn-small <xsl:choose><xsl:when test="$c/@view = 'week'">btn-primary</xsl:when><xsl:otherwise>btn-ghost</xsl:otherwise></xsl:choose></xsl:attribute>
        <xsl:value-of select="crm:t('tasks.cal_week')"/>
      </a>
      <xsl:if test="$c/@editor = '1'">
        <a class="btn btn-primary btn-small" href="/tasks/new?back=/calendar"><xsl:value-of select="crm:t('tasks.new')"/></a>
      </xsl:if>
    </nav>
  </div>
  <div class="cal cal-view-{$c/@view}">
    <div class="cal-weekdays" aria-hidden="true">
      <xsl:for-each select="$c/week[1]/day">
        <div class="cal-wd"><xsl:value-of select="crm:t(concat('tasks.wd_', @wday))"/></div>
      </xsl:for-each>
    </div>
    <xsl:for-each select="$c/week">
      <div class="cal-week">
        <xsl:for-each select="day">
          <section data-date="{@date}">
            <xsl:attribute name="class">cal-day<xsl:if test="not(@in = '1')"> is-other</xsl:if><xsl:if test="@today = '1'"> is-today</xsl:if><xsl:if test="not(item)"> is-empty</xsl:if></xsl:attribute>
            <h3 class="cal-date">
              <a href="/calendar?view=week&amp;date={@date}">
                <span class="cal-date-wd"><xsl:value-of select="crm:t(concat('tasks.wd_', @wday))"/><xsl:text> </xsl:text></span>
                <span class="cal-num"><xsl:value-of select="@num"/></span>
                <span class="cal-date-month"><xsl:text> </xsl:text><xsl:value-of select="crm:t(string(@month))"/></span>
              </a>
            </h3>
            <xsl:if test="item">
              <ul class="cal-items">
                <xsl:for-each select="item">
                  <li data-kind="{@kind}" data-id="{@id}">
                    <xsl:attribute name="class">cal-item cal-<xsl:value-of select="@kind"/><xsl:if test="@done = '1'"> is-done</xsl:if></xsl:attribute>
                    <xsl:if test="string(@time)"><span class="cal-time"><xsl:value-of select="@time"/></span><xsl:text> </xsl:text></xsl:if>
                    <xsl:choose>
                      <xsl:when test="string(@url)"><a href="{@url}"><xsl:value-of select="."/></a></xsl:when>
                      <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
                    </xsl:choose>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:if>
          </section>
        </xsl:for-each>
      </div>
    </xsl:for-each>
  </div>
  <form method="get" action="/calendar" class="form search cal-go" accept-charset="UTF-8">
    <input type="hidden" name="view" value="{$c/@view}"/>
    <div class="field field-date">
      <label for="cal-date"><xsl:value-of select="crm:t('tasks.cal_go_date')"/></label>
      <input type="date" name="date" id="cal-date" value="{$c/@date}"/>
    </div>
    <div class="form-actions"><button type="submit" class="btn btn-secondary"><xsl:value-of select="crm:t('tasks.cal_go')"/></button></div>
  </form>
</xsl:template>

</xsl:stylesheet>
