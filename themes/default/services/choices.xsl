<?xml version="1.0" encoding="UTF-8"?>
<!-- An admin-edited list of names (crm/choices.h): each entry renamed in place, moved up
     or down, or deleted after a confirmation; and the form that adds one. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<!-- An up or down button: a one-button POST form carrying the session's CSRF token. -->
<xsl:template name="crm.choices-move">
  <xsl:param name="base"/>
  <xsl:param name="dir"/>
  <form method="post" action="{$base}/{@id}/move" class="inline">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <button type="submit" name="dir" value="{$dir}" class="btn btn-secondary btn-small">
      <xsl:value-of select="crm:t(concat('core.choices.', $dir))"/>
    </button>
  </form>
</xsl:template>

<xsl:template match="choices">
  <xsl:variable name="base" select="@url"/>
  <xsl:choose>
    <xsl:when test="entry">
      <div class="table-wrap">
        <table class="list settings-entries">
          <thead><tr>
            <th><xsl:value-of select="crm:t('core.choices.name')"/></th>
            <th class="num"><xsl:value-of select="crm:t(string(@used))"/></th>
            <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
          </tr></thead>
          <tbody>
            <xsl:for-each select="entry">
              <tr class="entry" data-id="{@id}" data-name="{@name}">
                <td>
                  <form method="post" action="{$base}/{@id}/rename" class="inline rename" accept-charset="UTF-8">
                    <input type="hidden" name="csrf" value="{/page/csrf}"/>
                    <xsl:variable name="value">
                      <xsl:choose>
                        <xsl:when test="@typed"><xsl:value-of select="@typed"/></xsl:when>
                        <xsl:otherwise><xsl:value-of select="@label"/></xsl:otherwise>
                      </xsl:choose>
                    </xsl:variable>
                    <input type="text" name="name" value="{$value}" maxlength="100" required="required"
                      aria-label="{crm:t('core.choices.name')}">
                      <xsl:if test="string(@error)"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
                    </input>
                    <xsl:text> </xsl:text>
                    <button type="submit" class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('core.choices.rename')"/></button>
                    <xsl:if test="string(@error)"><p class="field-error"><xsl:value-of select="crm:t(string(@error))"/></p></xsl:if>
                  </form>
                </td>
                <td class="num"><xsl:value-of select="@used"/></td>
                <td class="actions">
                  <xsl:if test="not(@first = '1')">
                    <xsl:call-template name="crm.choices-move"><xsl:with-param name="base" select="$base"/><xsl:with-param name="dir" select="'up'"/></xsl:call-template>
                  </xsl:if>
                  <xsl:if test="not(@last = '1')">
                    <xsl:call-template name="crm.choices-move"><xsl:with-param name="base" select="$base"/><xsl:with-param name="dir" select="'down'"/></xsl:call-template>
                  </xsl:if>
                  <a class="btn btn-danger-outline btn-small" href="{$base}/{@id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </xsl:when>
    <xsl:when test="string(@empty)"><p class="muted"><xsl:value-of select="crm:t(string(@empty))"/></p></xsl:when>
    <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('core.choices.empty')"/></p></xsl:otherwise>
  </xsl:choose>
  <xsl:apply-templates select="form"/>
</xsl:template>

</xsl:stylesheet>
