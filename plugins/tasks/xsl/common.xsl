<?xml version="1.0" encoding="UTF-8"?>
<!-- What the tasks pages share: names that may be catalog keys, the close/reopen button,
     and the linked record's link. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<!-- A category's name: seeded ones are catalog keys, those admins typed show as typed. -->
<xsl:template name="tasks.label">
  <xsl:param name="value"/>
  <xsl:choose>
    <xsl:when test="starts-with($value, 'tasks.')"><xsl:value-of select="crm:t(string($value))"/></xsl:when>
    <xsl:otherwise><xsl:value-of select="$value"/></xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- Close (done 1) or reopen (done 0) a task: a one-button POST form. -->
<xsl:template name="tasks.toggle">
  <xsl:param name="id"/>
  <xsl:param name="done"/>
  <xsl:param name="back"/>
  <xsl:param name="title"/>
  <form method="post" action="/tasks/{$id}/toggle" class="inline task-toggle" accept-charset="UTF-8">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <input type="hidden" name="back" value="{$back}"/>
    <xsl:choose>
      <xsl:when test="$done = '1'">
        <input type="hidden" name="done" value="0"/>
        <button type="submit" class="task-check is-done" title="{crm:t('tasks.reopen')}" aria-label="{crm:t('tasks.reopen')}: {$title}">✓</button>
      </xsl:when>
      <xsl:otherwise>
        <input type="hidden" name="done" value="1"/>
        <button type="submit" class="task-check" title="{crm:t('tasks.close')}" aria-label="{crm:t('tasks.close')}: {$title}"><span aria-hidden="true">✓</span></button>
      </xsl:otherwise>
    </xsl:choose>
  </form>
</xsl:template>

<!-- <record entity record_id url type label/>: the linked record, named as its plugin names it. -->
<xsl:template name="tasks.record">
  <xsl:param name="r"/>
  <xsl:if test="string($r/@entity)">
    <xsl:variable name="text">
      <xsl:choose>
        <xsl:when test="string($r/@label)"><xsl:value-of select="$r/@label"/></xsl:when>
        <xsl:when test="string($r/@type)"><xsl:value-of select="crm:t(string($r/@type))"/> #<xsl:value-of select="$r/@record_id"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$r/@entity"/> #<xsl:value-of select="$r/@record_id"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($r/@url)"><a class="task-record" href="{$r/@url}" data-entity="{$r/@entity}" data-record="{$r/@record_id}"><xsl:value-of select="$text"/></a></xsl:when>
      <xsl:otherwise><span class="task-record"><xsl:value-of select="$text"/></span></xsl:otherwise>
    </xsl:choose>
  </xsl:if>
</xsl:template>


</xsl:stylesheet>
