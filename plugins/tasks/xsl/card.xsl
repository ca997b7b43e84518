<?xml version="1.0" encoding="UTF-8"?>
<!-- /tasks/{id}: a task with its record, due time, reminder and people, and the actions
     its author and assignee have. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='tasks.card']/content">
  <xsl:variable name="t" select="task"/>
  <section data-id="{$t/@id}" data-done="{$t/@done}">
    <xsl:attribute name="class">card task-card<xsl:if test="$t/@done = '1'"> is-done</xsl:if></xsl:attribute>
    <header class="card-head">
      <h2 class="card-title">
        <xsl:value-of select="$t/title"/>
        <xsl:text> </xsl:text>
        <xsl:choose>
          <xsl:when test="$t/@done = '1'"><span class="badge badge-ok task-status"><xsl:value-of select="crm:t('tasks.status_closed')"/></span></xsl:when>
          <xsl:when test="$t/due/@overdue = '1'"><span class="badge badge-error task-status"><xsl:value-of select="crm:t('tasks.overdue')"/></span></xsl:when>
          <xsl:otherwise><span class="badge task-status"><xsl:value-of select="crm:t('tasks.status_open')"/></span></xsl:otherwise>
        </xsl:choose>
      </h2>
      <xsl:if test="$t/@writable = '1'">
        <div class="actions">
          <form method="post" action="/tasks/{$t/@id}/toggle" class="inline" accept-charset="UTF-8">
            <input type="hidden" name="csrf" value="{/page/csrf}"/>
            <input type="hidden" name="back" value="/tasks/{$t/@id}"/>
            <xsl:choose>
              <xsl:when test="$t/@done = '1'">
                <input type="hidden" name="done" value="0"/>
                <button type="submit" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('tasks.reopen')"/></button>
              </xsl:when>
              <xsl:otherwise>
                <input type="hidden" name="done" value="1"/>
                <button type="submit" class="btn btn-primary btn-small"><xsl:value-of select="crm:t('tasks.close')"/></button>
              </xsl:otherwise>
            </xsl:choose>
          </form>
          <a class="btn btn-secondary btn-small" href="/tasks/{$t/@id}/edit"><xsl:value-of select="crm:t('core.edit')"/></a>
          <a class="btn btn-danger-outline btn-small" href="/tasks/{$t/@id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
        </div>
      </xsl:if>
    </header>
    <dl class="props">
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.category')"/></dt>
        <dd><xsl:choose>
          <xsl:when test="string($t/category)"><xsl:call-template name="tasks.label"><xsl:with-param name="value" select="$t/category"/></xsl:call-template></xsl:when>
          <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
        </xsl:choose></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.record')"/></dt>
        <dd><xsl:choose>
          <xsl:when test="$t/record"><xsl:call-template name="tasks.record"><xsl:with-param name="r" select="$t/record"/></xsl:call-template></xsl:when>
          <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
        </xsl:choose></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.due')"/></dt><dd class="task-due"><xsl:value-of select="$t/due"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.remind')"/></dt>
        <dd><xsl:value-of select="crm:t(string($t/remind))"/>
          <xsl:if test="$t/reminded"><span class="muted"><xsl:text> (</xsl:text><xsl:value-of select="crm:t('tasks.reminded')"/><xsl:text> </xsl:text><xsl:value-of select="$t/reminded"/>)</span></xsl:if>
        </dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.assignee')"/></dt><dd class="task-assignee"><xsl:value-of select="$t/assignee"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.author')"/></dt><dd><xsl:value-of select="$t/author"/></dd></div>
      <div class="prop"><dt><xsl:value-of select="crm:t('tasks.created_at')"/></dt><dd><xsl:value-of select="$t/created"/></dd></div>
      <xsl:if test="$t/closed">
        <div class="prop"><dt><xsl:value-of select="crm:t('tasks.closed_at')"/></dt><dd><xsl:value-of select="$t/closed"/></dd></div>
      </xsl:if>
    </dl>
    <xsl:if test="string($t/description)">
      <p class="task-description"><xsl:value-of select="$t/description"/></p>
    </xsl:if>
  </section>
  <p><a href="/tasks">← <xsl:value-of select="crm:t('tasks.back_to_list')"/></a></p>
</xsl:template>

</xsl:stylesheet>
