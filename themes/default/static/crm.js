/* Progressive enhancements only: every page works without this file. */
(function () {
	"use strict";

	/* <form data-confirm="question">: ask before submitting. */
	document.addEventListener("submit", function (e) {
		var form = e.target;
		if (!form || !form.getAttribute) return;
		var q = form.getAttribute("data-confirm");
		if (q && !window.confirm(q)) e.preventDefault();
	}, true);

	/* Flash messages get a close button; the label comes from the page's catalog. */
	function addDismiss(flash) {
		var b = document.createElement("button");
		b.type = "button";
		b.className = "flash-close";
		b.setAttribute("aria-label", flash.getAttribute("data-dismiss-label") || "Dismiss");
		b.textContent = "\u00d7";
		b.addEventListener("click", function () {
			if (flash.parentNode) flash.parentNode.removeChild(flash);
		});
		flash.appendChild(b);
	}

	function init() {
		var list = document.querySelectorAll(".flash");
		for (var i = 0; i < list.length; i++) addDismiss(list[i]);
	}

	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
	else init();
})();

/* ===== Kanban board (themes/default/services/board.xsl) =====
 * Drag a card to another column, or use its small form: both post id, to and csrf to
 * the board's move URL asking for JSON; on an error the card goes back where it was.
 * Without this script each card's form posts normally and the page comes back. */
(function () {
	"use strict";
	if (!window.fetch || !window.URLSearchParams) return;

	function column(el) { return el && el.closest ? el.closest(".board-column") : null; }

	function setCount(col, delta) {
		var c = col.querySelector(".board-count");
		if (!c) return;
		var n = parseInt(c.getAttribute("data-count"), 10) || 0;
		n = Math.max(0, n + delta);
		c.setAttribute("data-count", String(n));
		c.textContent = String(n);
	}

	function say(board, text, error) {
		var s = board.querySelector(".board-status");
		if (!s) return;
		s.textContent = text || "";
		s.className = "board-status" + (text ? (error ? " flash flash-error" : " flash flash-ok") : "");
		s.setAttribute("role", error ? "alert" : "status");
	}

	/* Put card at the top of column to, post, and undo everything if the server refuses. */
	function move(board, card, to) {
		var from = column(card);
		if (!from || !to || from === to || card.classList.contains("is-saving")) return;
		var list = to.querySelector(".board-cards");
		var oldParent = card.parentNode, oldNext = card.nextSibling;
		var pick = card.querySelector("input.board-pick");
		list.insertBefore(card, list.firstChild);
		setCount(from, -1);
		setCount(to, 1);
		if (pick) pick.checked = false;
		card.classList.add("is-saving");
		say(board, "", false);
		var body = new URLSearchParams();
		body.set("id", card.getAttribute("data-id"));
		body.set("to", to.getAttribute("data-key"));
		body.set("csrf", board.getAttribute("data-csrf") || "");
		var failed = board.getAttribute("data-error") || "Error";
		fetch(board.getAttribute("data-move-url"), {
			method: "POST",
			credentials: "same-origin",
			headers: { "Accept": "application/json", "Content-Type": "application/x-www-form-urlencoded" },
			body: body.toString()
		}).then(function (res) {
			return res.json().catch(function () { return {}; }).then(function (j) {
				if (!res.ok || !j || !j.ok) throw new Error((j && j.error) || failed);
			});
		}).then(function () {
			card.classList.remove("is-saving");
		}, function (err) {
			card.classList.remove("is-saving");
			oldParent.insertBefore(card, oldNext && oldNext.parentNode === oldParent ? oldNext : null);
			setCount(to, -1);
			setCount(from, 1);
			say(board, err && err.message ? err.message : failed, true);
		});
	}

	function initBoard(board) {
		var dragged = null;
		board.addEventListener("dragstart", function (e) {
			var card = e.target && e.target.closest ? e.target.closest(".board-card") : null;
			if (!card || card.classList.contains("is-saving")) return;
			dragged = card;
			card.classList.add("is-dragging");
			e.dataTransfer.effectAllowed = "move";
			e.dataTransfer.setData("text/plain", card.getAttribute("data-id"));
		});
		board.addEventListener("dragend", function () {
			if (dragged) dragged.classList.remove("is-dragging");
			dragged = null;
			var over = board.querySelectorAll(".board-column.is-over");
			for (var i = 0; i < over.length; i++) over[i].classList.remove("is-over");
		});
		board.addEventListener("dragover", function (e) {
			var col = column(e.target);
			if (!dragged || !col) return;
			e.preventDefault();
			e.dataTransfer.dropEffect = "move";
			var over = board.querySelectorAll(".board-column.is-over");
			for (var i = 0; i < over.length; i++) if (over[i] !== col) over[i].classList.remove("is-over");
			col.classList.add("is-over");
		});
		board.addEventListener("drop", function (e) {
			var col = column(e.target);
			if (!dragged || !col) return;
			e.preventDefault();
			col.classList.remove("is-over");
			move(board, dragged, col);
		});
		/* The board's form moves the ticked card the same way, without leaving the page. */
		board.addEventListener("submit", function (e) {
			var form = e.target;
			if (!form.classList || !form.classList.contains("board-move-form")) return;
			e.preventDefault();
			var picked = board.querySelector("input.board-pick:checked");
			var card = picked ? picked.closest(".board-card") : null;
			if (!card) {
				say(board, board.getAttribute("data-pick-first") || "", true);
				return;
			}
			var key = form.elements.to ? form.elements.to.value : "";
			var to = null, cols = board.querySelectorAll(".board-column");
			for (var i = 0; i < cols.length; i++) if (cols[i].getAttribute("data-key") === key) to = cols[i];
			if (to && to !== column(card)) move(board, card, to);
		});
	}

	function init() {
		var boards = document.querySelectorAll(".board[data-move-url]");
		for (var i = 0; i < boards.length; i++) initBoard(boards[i]);
	}

	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
	else init();
})();

/* ===== tasks: the due presets show their date in the date field; typing a date picks
 * "on the date". The page works without this: the server reads the chosen preset. ===== */
(function () {
	"use strict";
	function init() {
		var boxes = document.querySelectorAll(".task-due-box");
		for (var i = 0; i < boxes.length; i++) (function (box) {
			var date = box.querySelector('input[name="due_date"]');
			var typed = box.querySelector('input[name="due"][value="date"]');
			if (!date || !typed) return;
			box.addEventListener("change", function (e) {
				var t = e.target;
				if (t.name === "due" && t.checked && t.getAttribute("data-date")) date.value = t.getAttribute("data-date");
				else if (t === date) typed.checked = true;
			});
			date.addEventListener("input", function () { typed.checked = true; });
		})(boxes[i]);
	}
	if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
	else init();
})();
