<?xml version="1.0" encoding="UTF-8"?>
<!-- Confirmations (deleting a deal, the ticked deals, a stage) and the admins' list of
     stages with their probabilities. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='deals.delete' or @view='deals.stage_delete']/content">
  <div class="narrow">
    <xsl:apply-templates select="confirm"/>
    <xsl:for-each select="refused">
      <section class="card confirm vetoed" role="alert">
        <div class="confirm-icon" aria-hidden="true">!</div>
        <div class="confirm-body">
          <p class="confirm-question"><xsl:value-of select="crm:t(string(.))"/></p>
          <p class="confirm-subject"><xsl:value-of select="@name"/></p>
          <p>
            <a class="btn btn-secondary" href="/deals/stages"><xsl:value-of select="crm:t('deals.stages_title')"/></a>
            <xsl:text> </xsl:text>
            <a class="btn btn-ghost" href="{@list}"><xsl:value-of select="crm:t('deals.stage_deals')"/></a>
          </p>
        </div>
      </section>
    </xsl:for-each>
  </div>
</xsl:template>

<xsl:template match="page[@view='deals.bulk_delete']/content">
  <div class="narrow">
    <section class="card confirm">
      <div class="confirm-icon" aria-hidden="true">!</div>
      <div class="confirm-body">
        <p class="confirm-question"><xsl:value-of select="crm:t('deals.bulk_delete_question')"/></p>
        <xsl:apply-templates select="form"/>
      </div>
    </section>
  </div>
</xsl:template>

<xsl:template match="page[@view='deals.bulk_delete']//form/doomed">
  <ul class="doomed">
    <xsl:for-each select="deal">
      <li data-id="{@id}"><xsl:value-of select="."/></li>
    </xsl:for-each>
  </ul>
</xsl:template>

<!-- A one-button POST form carrying the session's CSRF token. -->
<xsl:template name="deals.button">
  <xsl:param name="action"/>
  <xsl:param name="label"/>
  <xsl:param name="name"/>
  <xsl:param name="value"/>
  <form method="post" action="{$action}" class="inline">
    <input type="hidden" name="csrf" value="{/page/csrf}"/>
    <button type="submit" class="btn btn-ghost btn-small" name="{$name}" value="{$value}">
      <xsl:value-of select="crm:t($label)"/>
    </button>
  </form>
</xsl:template>

<xsl:template match="page[@view='deals.stages']/content">
  <p class="muted"><xsl:value-of select="crm:t('deals.stages_hint')"/></p>
  <div class="table-wrap">
    <table class="list deal-stages">
      <thead><tr>
        <th><xsl:value-of select="crm:t('deals.stage_name')"/></th>
        <th class="num"><xsl:value-of select="crm:t('deals.stage_used')"/></th>
        <th><span class="visually-hidden"><xsl:value-of select="crm:t('core.actions')"/></span></th>
      </tr></thead>
      <tbody>
        <xsl:for-each select="stages/stage">
          <xsl:variable name="name">
            <xsl:choose>
              <xsl:when test="@typed"><xsl:value-of select="@typed"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <xsl:variable name="prob">
            <xsl:choose>
              <xsl:when test="@typed_probability"><xsl:value-of select="@typed_probability"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="@probability"/></xsl:otherwise>
            </xsl:choose>
          </xsl:variable>
          <tr class="stage stage-{@kind}" data-id="{@id}" data-kind="{@kind}">
            <td>
              <form method="post" action="/deals/stages/{@id}" class="inline stage-save" accept-charset="UTF-8">
                <input type="hidden" name="csrf" value="{/page/csrf}"/>
                <input type="text" name="name" value="{$name}" maxlength="100" required="required"
                  aria-label="{crm:t('deals.stage_name')}">
                  <xsl:if test="string(@error)"><xsl:attribute name="aria-invalid">true</xsl:attribute><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
                </input>
                <xsl:text> </xsl:text>
                <input type="number" name="probability" value="{$prob}" min="0" max="100" step="1" class="stage-probability"
                  aria-label="{crm:t('deals.probability')}">
                  <xsl:if test="@kind != 'open'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
                </input>
                <span aria-hidden="true">%</span>
                <xsl:text> </xsl:text>
                <button type="submit" class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('core.save')"/></button>
                <xsl:if test="@kind != 'open'">
                  <xsl:text> </xsl:text><span class="badge badge-{@kind}"><xsl:value-of select="crm:t(concat('deals.kind.', @kind))"/></span>
                </xsl:if>
                <xsl:if test="string(@error)"><p class="field-error"><xsl:value-of select="crm:t(string(@error))"/></p></xsl:if>
              </form>
            </td>
            <td class="num"><xsl:value-of select="@used"/></td>
            <td class="actions">
              <xsl:if test="@kind = 'open'">
                <xsl:if test="not(@first = '1')">
                  <xsl:call-template name="deals.button">
                    <xsl:with-param name="action" select="concat('/deals/stages/', @id, '/move')"/>
                    <xsl:with-param name="label" select="'deals.move_up'"/>
                    <xsl:with-param name="name" select="'dir'"/>
                    <xsl:with-param name="value" select="'up'"/>
                  </xsl:call-template>
                </xsl:if>
                <xsl:if test="not(@last = '1')">
                  <xsl:call-template name="deals.button">
                    <xsl:with-param name="action" select="concat('/deals/stages/', @id, '/move')"/>
                    <xsl:with-param name="label" select="'deals.move_down'"/>
                    <xsl:with-param name="name" select="'dir'"/>
                    <xsl:with-param name="value" select="'down'"/>
                  </xsl:call-template>
                </xsl:if>
                <a class="btn btn-danger-outline btn-small" href="/deals/stages/{@id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
              </xsl:if>
            </td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </div>
  <xsl:apply-templates select="form"/>
  <p><a href="/deals">← <xsl:value-of select="crm:t('deals.back_to_list')"/></a></p>
</xsl:template>

</xsl:stylesheet>
