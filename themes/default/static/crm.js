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
