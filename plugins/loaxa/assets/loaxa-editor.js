/* Loa Xã: what the web editor adds to Decap CMS.
 *
 * 1. Every photo chosen in the editor is redrawn in the browser before Decap sees it: at most
 *    `maxSide` pixels on its long side, with nothing but its pixels (no GPS, no camera data).
 *    A picture the browser cannot read is refused with a message, never saved as it is.
 * 2. The problem list of the last check (the local backend's, or the publish workflow's) is
 *    shown at the bottom of the editor, each problem with a link to the post to fix.
 * 3. On the published site, a GitHub access token may be used to sign in.
 */
(function () {
  "use strict";
  var options = JSON.parse(document.getElementById("loaxa-editor").textContent);
  var say = options.messages;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return name in values ? values[name] : all;
    });
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.append(child);
    });
    return node;
  }

  /* 1. Photos ---------------------------------------------------------------------------- */

  var PICTURE = /\.(jpe?g|jfif|png|webp|gif|heic|heif|tiff?|bmp|avif)$/i;

  function isPicture(file) {
    return /^image\//.test(file.type) || PICTURE.test(file.name);
  }

  function fileName(name, suffix) {
    var stem = name.replace(/\.[^.]*$/, "").normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐ]/g, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    var now = new Date();
    var stamp = [now.getFullYear(), now.getMonth() + 1, now.getDate(), now.getHours(),
      now.getMinutes(), now.getSeconds()].map(function (n) {
      return String(n).padStart(2, "0");
    }).join("");
    return (stem || "anh").slice(0, 40) + "-" + stamp + suffix;
  }

  function redraw(file) {
    return createImageBitmap(file, { imageOrientation: "from-image" }).then(function (bitmap) {
      var scale = Math.min(1, options.maxSide / Math.max(bitmap.width, bitmap.height));
      var canvas = document.createElement("canvas");
      canvas.width = Math.max(1, Math.round(bitmap.width * scale));
      canvas.height = Math.max(1, Math.round(bitmap.height * scale));
      var context = canvas.getContext("2d");
      var png = file.type === "image/png" || /\.png$/i.test(file.name);
      if (!png) {
        context.fillStyle = "#fff";
        context.fillRect(0, 0, canvas.width, canvas.height);
      }
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      var type = png ? "image/png" : "image/jpeg";
      return new Promise(function (resolve, reject) {
        canvas.toBlob(function (blob) {
          if (blob) {
            resolve(new File([blob], fileName(file.name, png ? ".png" : ".jpg"), { type: type }));
          } else {
            reject(new Error("toBlob"));
          }
        }, type, 0.85);
      });
    });
  }

  var passing = new WeakSet();

  function onFiles(event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || passing.has(input)) {
      return;
    }
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.some(isPicture)) {
      return;
    }
    event.stopImmediatePropagation();
    event.preventDefault();
    if (event.type !== "change") {
      return;
    }
    notice(say.photo_busy);
    Promise.all(files.map(function (file) {
      return isPicture(file) ? redraw(file).catch(function () {
        throw new Error(fill(say.photo_unreadable, { name: file.name }));
      }) : file;
    })).then(function (cleaned) {
      var transfer = new DataTransfer();
      cleaned.forEach(function (file) {
        transfer.items.add(file);
      });
      passing.add(input);
      input.files = transfer.files;
      input.dispatchEvent(new Event("change", { bubbles: true }));
      passing.delete(input);
      notice("");
    }).catch(function (error) {
      input.value = "";
      notice(error.message || say.photo_failed, true);
    });
  }

  window.addEventListener("input", onFiles, true);
  window.addEventListener("change", onFiles, true);

  /* 2. The problem list ------------------------------------------------------------------- */

  var panel = element("section", { id: "loaxa-status", "aria-live": "polite", hidden: "" });
  var toast = element("p", { id: "loaxa-notice", role: "status", hidden: "" });
  document.body.append(panel, toast);

  function notice(text, isError) {
    toast.textContent = text;
    toast.hidden = !text;
    toast.className = isError ? "loaxa-error" : "";
  }

  var lastChecked = null;   // the commit (or time) of the list shown
  var waitingFrom;          // after a save on GitHub: the list shown then, until a newer one comes

  function show(report) {
    if (report) {
      if (waitingFrom !== undefined && report.checked !== waitingFrom) {
        waitingFrom = undefined;
        notice("");
      }
      lastChecked = report.checked;
    }
    panel.replaceChildren();
    var problems = (report && report.problems) || [];
    if (!problems.length) {
      panel.hidden = true;
      return;
    }
    var list = element("ul");
    problems.forEach(function (problem) {
      var where = problem.file + (problem.line ? " · " + fill(say.line, { line: problem.line }) : "");
      var item = element("li", {}, [element("strong", {}, [where]), " ",
        element("span", { class: "loaxa-field" }, [problem.field + ":"]), " ", problem.message]);
      if (problem.entry) {
        item.append(" ", element("a", { href: "#" + problem.entry, class: "loaxa-edit" }, [say.edit]));
      }
      list.append(item);
    });
    var close = element("button", { type: "button", class: "loaxa-close" }, [say.close]);
    close.addEventListener("click", function () {
      panel.classList.toggle("loaxa-folded");
      close.textContent = panel.classList.contains("loaxa-folded") ? say.show : say.close;
    });
    panel.append(element("h2", {}, [fill(say.status_title, { count: problems.length })]), close, list);
    panel.hidden = false;
  }

  function githubToken() {
    try {
      return JSON.parse(localStorage.getItem("decap-cms-user") || "{}").token || "";
    } catch (error) {
      return "";
    }
  }

  function refresh() {
    var status = options.status;
    var request;
    if (status.kind === "local") {
      request = fetch(status.url, { cache: "no-store" });
    } else if (status.kind === "github" && githubToken()) {
      request = fetch("https://api.github.com/repos/" + status.repo + "/contents/" + status.file +
        "?ref=" + encodeURIComponent(status.branch), {
        cache: "no-store",
        headers: { Authorization: "token " + githubToken(), Accept: "application/vnd.github.raw+json" },
      });
    } else {
      return;
    }
    request.then(function (response) {
      if (response.status === 404) {
        return null;  // nothing checked yet
      }
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    }).then(show).catch(function () {
      if (status.kind === "local") {
        notice(say.status_unreachable, true);
      }
    });
  }

  /* 3. Signing in with a token ------------------------------------------------------------- */

  function tokenForm() {
    if (!options.tokenSignIn || githubToken()) {
      return;
    }
    var field = element("input", { id: "loaxa-token", type: "password", autocomplete: "off",
      spellcheck: "false" });
    var form = element("form", { id: "loaxa-token-form" }, [
      element("h2", {}, [say.token_title]),
      element("label", { for: "loaxa-token" }, [say.token_label]), field,
      element("p", {}, [say.token_help]),
      element("button", { type: "submit" }, [say.token_button]),
    ]);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var token = field.value.trim();
      if (token) {
        localStorage.setItem("decap-cms-user", JSON.stringify({ token: token, backendName: "github" }));
        location.reload();
      }
    });
    document.body.append(form);
    // The form belongs to the sign-in screen only.
    new MutationObserver(function (changes, observer) {
      if (document.querySelector("[class*='AppMainContainer'], [class*='AppHeader']")) {
        form.remove();
        observer.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (options.preview) {
    document.body.append(element("a", { id: "loaxa-preview", href: options.preview, target: "_blank",
      rel: "noopener" }, [say.preview]));
  }
  window.CMS.registerEventListener({ name: "postSave", handler: function () {
    if (options.status.kind !== "github") {
      setTimeout(refresh, 500);
      return;
    }
    // The publish workflow checks what was saved in a few minutes: ask until its list is newer.
    waitingFrom = lastChecked;
    notice(say.status_checking);
    var tries = 0;
    var timer = setInterval(function () {
      tries += 1;
      if (waitingFrom === undefined || tries > 45) {
        clearInterval(timer);
        if (tries > 45) {
          notice("");
        }
        return;
      }
      refresh();
    }, 20000);
  } });
  window.CMS.init();
  tokenForm();
  refresh();
  if (options.status.kind === "local") {
    setInterval(function () {
      if (document.visibilityState === "visible") {
        refresh();
      }
    }, 15000);
  }
})();
