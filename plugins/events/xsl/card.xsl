<?xml version="1.0" encoding="UTF-8"?>
<!-- /events/{id}: an event's card with its dates, access, participants, planned items,
     tags, custom fields, documents and history; other plugins' panels (its tasks)
     follow (layout.xsl). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:crm="urn:crm" extension-element-prefixes="crm" exclude-result-prefixes="crm">

<xsl:template match="page[@view='events.card']/content">
  <xsl:variable name="e" select="event"/>
  <xsl:variable name="w" select="$e/@writable = '1'"/>
  <div class="event-card" data-id="{$e/id}" data-closed="{$e/closed}">
    <section class="card event-main">
      <header class="card-head">
        <h2 class="card-title">
          <xsl:value-of select="$e/name"/>
          <xsl:text> </xsl:text>
          <xsl:if test="$e/closed = '1'"><span class="badge badge-muted event-closed"><xsl:value-of select="crm:t('events.status_closed_one')"/></span><xsl:text> </xsl:text></xsl:if>
          <xsl:call-template name="events.access-mark"><xsl:with-param name="vis" select="$e/visibility"/></xsl:call-template>
        </h2>
        <xsl:if test="$w">
          <div class="actions">
            <form method="post" class="inline" accept-charset="UTF-8">
              <xsl:attribute name="action">/events/<xsl:value-of select="$e/id"/>/<xsl:choose><xsl:when test="$e/closed = '1'">reopen</xsl:when><xsl:otherwise>close</xsl:otherwise></xsl:choose></xsl:attribute>
              <input type="hidden" name="csrf" value="{/page/csrf}"/>
              <button type="submit" class="btn btn-secondary btn-small">
                <xsl:choose>
                  <xsl:when test="$e/closed = '1'"><xsl:value-of select="crm:t('events.reopen')"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="crm:t('events.close')"/></xsl:otherwise>
                </xsl:choose>
              </button>
            </form>
            <a class="btn btn-primary btn-small" href="/events/{$e/id}/edit"><xsl:value-of select="crm:t('core.edit')"/></a>
            <a class="btn btn-danger-outline btn-small" href="/events/{$e/id}/delete"><xsl:value-of select="crm:t('core.delete')"/></a>
          </div>
        </xsl:if>
      </header>
      <dl class="props event-props">
        <div class="prop"><dt><xsl:value-of select="crm:t('events.starts')"/></dt>
          <dd class="event-starts"><xsl:value-of select="$e/starts"/><xsl:text> </xsl:text><span class="muted">(<xsl:value-of select="$e/@tz"/>)</span></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('events.ends')"/></dt>
          <dd class="event-ends">
            <xsl:choose>
              <xsl:when test="string($e/ends)"><xsl:value-of select="$e/ends"/></xsl:when>
              <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
            </xsl:choose>
          </dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('events.owner')"/></dt><dd><xsl:value-of select="$e/owner"/></dd></div>
        <div class="prop"><dt><xsl:value-of select="crm:t('events.visibility')"/></dt>
          <dd class="event-visibility"><xsl:value-of select="crm:t(concat('events.vis.', $e/visibility))"/>
            <xsl:if test="$e/visibility = 'restricted' and $e/readers/user">
              <xsl:text>: </xsl:text>
              <span class="event-readers">
                <xsl:for-each select="$e/readers/user">
                  <xsl:if test="position() &gt; 1">, </xsl:if>
                  <span data-user="{@id}"><xsl:value-of select="."/></span>
                </xsl:for-each>
              </span>
            </xsl:if>
          </dd></div>
      </dl>
      <xsl:if test="string($e/description)">
        <p class="event-description"><xsl:value-of select="$e/description"/></p>
      </xsl:if>
      <xsl:apply-templates select="$e/tags"/>
      <xsl:apply-templates select="$e/custom-fields"/>
    </section>

    <section class="card event-participants" id="participants">
      <header class="card-head">
        <h2 class="card-title"><xsl:value-of select="crm:t('events.participants')"/>
          <xsl:text> </xsl:text><span class="muted participants-total"><xsl:value-of select="$e/participants/@total"/></span></h2>
      </header>
      <xsl:choose>
        <xsl:when test="$e/participants/participant">
          <table class="list participants">
            <tbody>
              <xsl:for-each select="$e/participants/participant">
                <tr class="participant" data-id="{@id}">
                  <td><a href="{@url}"><xsl:value-of select="@name"/></a>
                    <xsl:if test="string(@company)"><span class="muted"><xsl:text>, </xsl:text><xsl:value-of select="@company"/></span></xsl:if></td>
                  <td><xsl:if test="string(@phone)"><xsl:value-of select="@phone"/></xsl:if></td>
                  <td><xsl:if test="string(@email)"><a href="mailto:{@email}"><xsl:value-of select="@email"/></a></xsl:if></td>
                  <td class="actions">
                    <xsl:if test="$w">
                      <form method="post" action="/events/{$e/id}/participants/{@id}/remove" class="inline" accept-charset="UTF-8">
                        <input type="hidden" name="csrf" value="{/page/csrf}"/>
                        <button type="submit" class="btn btn-ghost btn-small" aria-label="{concat(crm:t('events.remove'), ': ', @name)}"><xsl:value-of select="crm:t('events.remove')"/></button>
                      </form>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:when>
        <xsl:when test="$e/participants/@total = 0">
          <p class="muted"><xsl:value-of select="crm:t('events.no_participants')"/></p>
        </xsl:when>
      </xsl:choose>
      <xsl:if test="$e/participants/@total &gt; count($e/participants/participant)">
        <p class="muted participants-hidden"><xsl:value-of select="crm:t('events.participants_hidden')"/><xsl:text> </xsl:text><xsl:value-of select="$e/participants/@total - count($e/participants/participant)"/></p>
      </xsl:if>
      <xsl:apply-templates select="$e/participants/form"/>
    </section>

    <section class="card event-plans" id="plans">
      <header class="card-head">
        <h2 class="card-title"><xsl:value-of select="crm:t('events.plans')"/></h2>
      </header>
      <xsl:choose>
        <xsl:when test="$e/plans/plan">
          <ol class="history-list plan-list">
            <xsl:for-each select="$e/plans/plan">
              <li class="history-item plan" data-id="{@id}">
                <div class="history-meta">
                  <span class="badge history-category"><xsl:value-of select="crm:t(string(@category))"/></span>
                  <xsl:text> </xsl:text><time class="plan-at"><xsl:value-of select="@at"/></time>
                  <xsl:if test="string(@user)"><span class="muted"><xsl:text> · </xsl:text><xsl:value-of select="@user"/></span></xsl:if>
                </div>
                <div class="history-text"><xsl:value-of select="."/></div>
                <xsl:if test="$w">
                  <div class="actions">
                    <form method="post" action="/events/{$e/id}/plan/{@id}/done" class="inline" accept-charset="UTF-8">
                      <input type="hidden" name="csrf" value="{/page/csrf}"/>
                      <button type="submit" class="btn btn-secondary btn-small"><xsl:value-of select="crm:t('events.plan_mark_done')"/></button>
                    </form>
                    <form method="post" action="/events/{$e/id}/plan/{@id}/delete" class="inline" accept-charset="UTF-8">
                      <input type="hidden" name="csrf" value="{/page/csrf}"/>
                      <button type="submit" class="btn btn-ghost btn-small"><xsl:value-of select="crm:t('events.remove')"/></button>
                    </form>
                  </div>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ol>
        </xsl:when>
        <xsl:otherwise><p class="muted"><xsl:value-of select="crm:t('events.no_plans')"/></p></xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="$e/plans/form"/>
    </section>
    <xsl:apply-templates select="$e/files"/>
    <xsl:apply-templates select="$e/history"/>
  </div>
  <p><a href="/events">← <xsl:value-of select="crm:t('events.back_to_list')"/></a></p>
</xsl:template>

</xsl:stylesheet>
