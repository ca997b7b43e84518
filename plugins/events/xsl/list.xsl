<?xml version="1.0" encoding="UTF-8"?>
<!-- /events: the filters, then the events with the tick that closes (or reopens) each. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<!-- Restricted and private events are marked wherever they are listed. -->
<xsl:template name="events.access-mark">
  <xsl:param name="vis"/>
  <xsl:if test="$vis = 'restricted' or $vis = 'private'">
    <span class="badge badge-warn event-access" title="{crm:t(concat('events.vis.', $vis))}"><xsl:value-of select="crm:t(concat('events.badge.', $vis))"/></span>
  </xsl:if>
</xsl:template>

<xsl:template match="page[@view='events.list']/content">
  <div class="actions page-actions">
    <xsl:if test="@editor = '1'">
      <a class="btn btn-primary" href="/events/new"><xsl:value-of select="crm:t('events.new_title')"/></a>
    </xsl:if>
  </div>
  <xsl:apply-templates select="form"/>
  <p class="muted events-tz"><xsl:value-of select="crm:t('events.tz_note')"/><xsl:text> </xsl:text><xsl:value-of select="@tz"/></p>
  <xsl:choose>
    <xsl:when test="events/event">
      <xsl:variable name="self" select="events/@self"/>
      <xsl:variable name="editor" select="@editor = '1'"/>
      <xsl:variable name="close" select="crm:t('events.close')"/>
      <xsl:variable name="reopen" select="crm:t('events.reopen')"/>
      <div class="table-wrap">
        <table class="list events">
          <thead><tr>
            <th class="tick"><span class="visually-hidden"><xsl:value-of select="crm:t('events.held')"/></span></th>
            <th><xsl:value-of select="crm:t('events.name')"/></th>
            <th><xsl:value-of select="crm:t('events.starts')"/></th>
            <th><xsl:value-of select="crm:t('events.ends')"/></th>
            <th><xsl:value-of select="crm:t('events.participants')"/></th>
            <th><xsl:value-of select="crm:t('events.owner')"/></th>
            <th><xsl:value-of select="crm:t('events.tags')"/></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="events/event">
              <tr class="event" data-id="{id}" data-closed="{closed}">
                <xsl:if test="closed = '1'"><xsl:attribute name="class">event is-closed</xsl:attribute></xsl:if>
                <td class="tick">
                  <xsl:if test="$editor">
                    <form method="post" class="event-tick" accept-charset="UTF-8">
                      <xsl:attribute name="action">
                        <xsl:choose>
                          <xsl:when test="closed = '1'">/events/<xsl:value-of select="id"/>/reopen</xsl:when>
                          <xsl:otherwise>/events/<xsl:value-of select="id"/>/close</xsl:otherwise>
                        </xsl:choose>
                      </xsl:attribute>
                      <input type="hidden" name="csrf" value="{/page/csrf}"/>
                      <input type="hidden" name="back" value="{$self}"/>
                      <button type="submit" class="tick-button">
                        <xsl:choose>
                          <xsl:when test="closed = '1'">
                            <xsl:attribute name="aria-pressed">true</xsl:attribute>
                            <xsl:attribute name="title"><xsl:value-of select="$reopen"/></xsl:attribute>
                            <xsl:attribute name="aria-label"><xsl:value-of select="concat($reopen, ': ', name)"/></xsl:attribute>
                            <xsl:text>✓</xsl:text>
                          </xsl:when>
                          <xsl:otherwise>
                            <xsl:attribute name="aria-pressed">false</xsl:attribute>
                            <xsl:attribute name="title"><xsl:value-of select="$close"/></xsl:attribute>
                            <xsl:attribute name="aria-label"><xsl:value-of select="concat($close, ': ', name)"/></xsl:attribute>
                          </xsl:otherwise>
                        </xsl:choose>
                      </button>
                    </form>
                  </xsl:if>
                </td>
                <td class="event-name">
                  <a href="/events/{id}"><xsl:value-of select="name"/></a>
                  <xsl:text> </xsl:text>
                  <xsl:call-template name="events.access-mark"><xsl:with-param name="vis" select="visibility"/></xsl:call-template>
                </td>
                <td class="nowrap event-starts"><xsl:value-of select="starts_at"/></td>
                <td class="nowrap"><xsl:value-of select="ends_at"/></td>
                <td class="num"><xsl:value-of select="participants"/></td>
                <td><xsl:value-of select="owner"/></td>
                <td class="event-tags"><xsl:value-of select="tags"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
      <xsl:apply-templates select="pager"/>
    </xsl:when>
    <xsl:when test="events/@filtered = '1'">
      <div class="empty"><p class="empty-title"><xsl:value-of select="crm:t('events.none_match')"/></p>
        <p class="empty-action"><a class="btn btn-secondary" href="/events"><xsl:value-of select="crm:t('events.clear_filters')"/></a></p></div>
    </xsl:when>
    <xsl:otherwise>
      <div class="empty">
        <p class="empty-title"><xsl:value-of select="crm:t('events.empty_title')"/></p>
        <p class="empty-hint"><xsl:value-of select="crm:t('events.empty_hint')"/></p>
      </div>
    </xsl:otherwise>
  </xsl:choose>
</xsl:template>

<!-- The "Events" panel on a contact's card. -->
<xsl:template match="page/panel[@name='events.contact']/event-list">
  <xsl:choose>
    <xsl:when test="item">
      <ul class="event-panel-list">
        <xsl:for-each select="item">
          <li data-id="{@id}">
            <a href="/events/{@id}"><xsl:value-of select="."/></a>
            <span class="muted"><xsl:text> · </xsl:text><xsl:value-of select="@starts"/></span>
            <xsl:if test="@closed = '1'"><xsl:text> </xsl:text><span class="badge"><xsl:value-of select="crm:t('events.status_closed_one')"/></span></xsl:if>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:when>
    <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('events.panel_none')"/></p></xsl:otherwise>
  </xsl:choose>
  <xsl:if test="string(@new)">
    <p><a class="btn btn-secondary btn-small" href="{@new}"><xsl:value-of select="crm:t('events.new_with_contact')"/></a></p>
  </xsl:if>
</xsl:template>

</xsl:stylesheet>
