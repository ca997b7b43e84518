<?xml version="1.0" encoding="UTF-8"?>
<!-- The Tasks panel on contact, lead, deal and event cards: the record's open tasks and
     the link that makes one for it. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page/panel/tasks-panel">
  <xsl:variable name="back" select="@back"/>
  <div class="tasks-panel" data-entity="{@entity}" data-record="{@record}">
    <xsl:choose>
      <xsl:when test="task">
        <ul class="task-mini">
          <xsl:for-each select="task">
            <li data-id="{@id}">
              <xsl:if test="@overdue = '1'"><xsl:attribute name="class">is-overdue</xsl:attribute></xsl:if>
              <xsl:if test="@writable = '1'">
                <xsl:call-template name="tasks.toggle">
                  <xsl:with-param name="id" select="@id"/>
                  <xsl:with-param name="done" select="'0'"/>
                  <xsl:with-param name="back" select="$back"/>
                  <xsl:with-param name="title" select="."/>
                </xsl:call-template>
              </xsl:if>
              <a href="/tasks/{@id}"><xsl:value-of select="."/></a>
              <span class="muted task-mini-meta">
                <xsl:text> · </xsl:text><span class="task-due"><xsl:value-of select="@due"/></span>
                <xsl:text> · </xsl:text><xsl:value-of select="@assignee"/>
              </span>
            </li>
          </xsl:for-each>
        </ul>
        <xsl:if test="@more = '1'"><p class="muted"><xsl:value-of select="crm:t('tasks.panel_more')"/></p></xsl:if>
      </xsl:when>
      <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('tasks.panel_none')"/></p></xsl:otherwise>
    </xsl:choose>
    <p class="actions">
      <xsl:if test="string(@new)">
        <a class="btn btn-secondary btn-small task-create" href="{@new}"><xsl:value-of select="crm:t('tasks.panel_create')"/></a>
      </xsl:if>
      <a class="btn btn-ghost btn-small" href="/tasks"><xsl:value-of select="crm:t('tasks.menu')"/></a>
    </p>
  </div>
</xsl:template>

</xsl:stylesheet>
