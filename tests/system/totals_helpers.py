"""The board totals the deals and leads plugins keep by triggers (<table>_total, see their
migrations/0002_board_totals.sql), checked against counting the records themselves."""
from crmtest import sql


def totals_kept(table, keys, owners):
    """<table>_total holds, for these owners' records, what grouping <table> by keys
    (ending with owner_id, visibility, has_users) and the own-row id gives: the count,
    the budgets and their sum; no negative count, no empty row of one record."""
    where = "owner_id IN (%s)" % ", ".join(str(o) for o in owners)
    cols = ", ".join(keys)
    n = len(keys) + 1
    order = ", ".join(str(i) for i in range(1, n + 1))
    counted = sql("SELECT %s, IF(has_users = 1, id, 0), COUNT(*), COUNT(budget), IFNULL(SUM(budget), 0) FROM %s "
                  "WHERE %s GROUP BY %s ORDER BY %s" % (cols, table, where, order, order))
    kept = sql("SELECT %s, id, %ss, budgets, budget FROM %s_total WHERE %s AND %ss <> 0 ORDER BY %s"
               % (cols, table, table, where, table, order))
    assert counted == kept, (counted, kept)
    assert sql("SELECT COUNT(*) FROM %s_total WHERE %s AND (%ss < 0 OR (has_users = 1 AND %ss = 0))"
               % (table, where, table, table)) == [["0"]]
