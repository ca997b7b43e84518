<?xml version="1.0" encoding="UTF-8"?>
<!-- /tasks: the tabs (overdue, today, upcoming, closed) with their counts, the filters,
     the list with a close/reopen button per row, and the pager. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='tasks.list']/content">
  <xsl:variable name="self" select="@self"/>
  <div class="actions page-actions">
    <xsl:if test="@editor = '1'">
      <a class="btn btn-primary" href="/tasks/new"><xsl:value-of select="crm:t('tasks.new')"/></a>
    </xsl:if>
    <a class="btn btn-secondary" href="/calendar"><xsl:value-of select="crm:t('tasks.calendar_menu')"/></a>
    <xsl:if test="@admin = '1'">
      <a class="btn btn-ghost" href="/tasks/settings"><xsl:value-of select="crm:t('tasks.settings')"/></a>
    </xsl:if>
  </div>
  <nav class="task-tabs" aria-label="{crm:t('tasks.tabs')}">
    <xsl:for-each select="tabs/tab">
      <a href="{@href}" data-tab="{@name}">
        <xsl:choose>
          <xsl:when test="@active = '1'">
            <xsl:attribute name="class">task-tab is-active tab-<xsl:value-of select="@name"/></xsl:attribute>
            <xsl:attribute name="aria-current">page</xsl:attribute>
          </xsl:when>
          <xsl:otherwise><xsl:attribute name="class">task-tab tab-<xsl:value-of select="@name"/></xsl:attribute></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="crm:t(concat('tasks.tab_', @name))"/>
        <xsl:if test="string(@count)">
          <xsl:text> </xsl:text>
          <span class="tab-count"><xsl:if test="@count &gt; 0"><xsl:attribute name="class">tab-count has-items</xsl:attribute></xsl:if><xsl:value-of select="@count"/></span>
        </xsl:if>
      </a>
    </xsl:for-each>
  </nav>
  <xsl:apply-templates select="form"/>
  <xsl:choose>
    <xsl:when test="tasks/task">
      <div class="table-wrap">
        <table class="list tasks">
          <thead><tr>
            <th class="tick"><span class="visually-hidden"><xsl:value-of select="crm:t('tasks.status')"/></span></th>
            <th><xsl:value-of select="crm:t('tasks.title_field')"/></th>
            <th><xsl:value-of select="crm:t('tasks.category')"/></th>
            <th>
              <xsl:choose>
                <xsl:when test="@tab = 'closed'"><xsl:value-of select="crm:t('tasks.closed_at')"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="crm:t('tasks.due')"/></xsl:otherwise>
              </xsl:choose>
            </th>
            <th><xsl:value-of select="crm:t('tasks.record')"/></th>
            <th><xsl:value-of select="crm:t('tasks.assignee')"/></th>
          </tr></thead>
          <tbody>
            <xsl:variable name="overdue" select="crm:t('tasks.overdue')"/>
            <xsl:for-each select="tasks/task">
              <tr data-id="{id}" data-due="{@due}" data-done="{done}">
                <xsl:attribute name="class">task<xsl:if test="done = '1'"> is-done</xsl:if><xsl:if test="@overdue = '1'"> is-overdue</xsl:if></xsl:attribute>
                <td class="tick">
                  <xsl:if test="@writable = '1'">
                    <xsl:call-template name="tasks.toggle">
                      <xsl:with-param name="id" select="id"/>
                      <xsl:with-param name="done" select="done"/>
                      <xsl:with-param name="back" select="$self"/>
                      <xsl:with-param name="title" select="title"/>
                    </xsl:call-template>
                  </xsl:if>
                </td>
                <td class="task-title"><a href="/tasks/{id}"><xsl:value-of select="title"/></a></td>
                <td><xsl:call-template name="tasks.label"><xsl:with-param name="value" select="category"/></xsl:call-template></td>
                <td class="nowrap task-due">
                  <xsl:choose>
                    <xsl:when test="done = '1'"><xsl:value-of select="@closed"/></xsl:when>
                    <xsl:otherwise>
                      <xsl:value-of select="@due"/>
                      <xsl:if test="@overdue = '1'"><xsl:text> </xsl:text><span class="badge badge-error"><xsl:value-of select="$overdue"/></span></xsl:if>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:call-template name="tasks.record"><xsl:with-param name="r" select="record"/></xsl:call-template></td>
                <td><xsl:value-of select="assignee"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t(concat('tasks.empty_', @tab))"/></p>
        <xsl:if test="tasks/@filtered = '1'">
          <p class="empty-action"><a class="btn btn-secondary" href="/tasks?tab={@tab}"><xsl:value-of select="crm:t('tasks.clear_filters')"/></a></p>
        </xsl:if>
        <xsl:if test="@editor = '1'">
          <p class="empty-action"><a class="btn btn-primary" href="/tasks/new"><xsl:value-of select="crm:t('tasks.new')"/></a></p>
        </xsl:if>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

</xsl:stylesheet>
