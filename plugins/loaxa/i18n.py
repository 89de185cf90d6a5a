"""Every user-facing string of loaxa, in Vietnamese and English."""

from __future__ import annotations

import unicodedata

DEFAULT_LANGUAGE = "vi"

_STRINGS: dict[str, dict[str, str]] = {
    # Pseudo-field names, for problems that are not about one front-matter field.
    "field.file": {"vi": "tệp", "en": "file"},
    "field.front_matter": {"vi": "phần đầu bài", "en": "front matter"},
    # Problems in a post: "<what is wrong> → <what to write instead>".
    "field.body": {"vi": "nội dung", "en": "body"},
    # What the posts folder may hold.
    "files.rename_post": {
        "vi": "bài viết phải có đuôi `.md`, tệp này sẽ không được đăng → đổi tên thành `{name}` "
        "(trên Windows: bật \"File name extensions\" trong thẻ View để thấy đuôi tệp)",
        "en": "a post must end in `.md`; this file would not be published → rename it `{name}` "
        "(on Windows, turn on \"File name extensions\" in the View tab to see it)",
    },
    "files.not_published": {
        "vi": "tệp `{suffix}` không được đăng: thư mục bài viết chỉ chứa bài `.md` và ảnh, video, "
        "PDF mà bài dùng → xoá tệp này khỏi thư mục (văn bản Word, Excel: lưu thành PDF)",
        "en": "`{suffix}` files are not published: the posts folder holds `.md` posts and the "
        "pictures, videos and PDFs they use → remove this file (Word, Excel: save as PDF)",
    },
    "files.unreadable": {
        "vi": "không đọc được tệp này (không có quyền đọc) → kiểm tra quyền của tệp, hoặc chép "
        "lại nội dung vào một tệp mới",
        "en": "this file cannot be read (no permission) → check its permissions or copy its "
        "content into a new file",
    },
    "files.unreadable_folder": {
        "vi": "không đọc được thư mục này; các bài trong đó sẽ bị bỏ sót → kiểm tra quyền của "
        "thư mục",
        "en": "this folder cannot be read; its posts would be left out → check its permissions",
    },
    "files.broken_link": {
        "vi": "đây là lối tắt (liên kết) tới một tệp không còn nữa → xoá lối tắt, chép tệp thật "
        "vào đây",
        "en": "this is a shortcut (link) to a file that no longer exists → remove it and copy "
        "the real file here",
    },
    "files.link_outside": {
        "vi": "đây là lối tắt (liên kết) trỏ ra ngoài thư mục của trang (posts/, docs/); nó không "
        "được đọc hay đăng để không lộ tệp khác → xoá lối tắt, chép tệp thật vào đây",
        "en": "this is a shortcut (link) leading out of the site's folders (posts/, docs/); it is "
        "neither read nor published so no other file leaks → remove it and copy the real file here",
    },
    "files.linked_folder": {
        "vi": "đây là lối tắt tới một thư mục; loaxa không đọc nó → chép thư mục thật vào đây",
        "en": "this is a shortcut to a folder; it is not read → copy the real folder here",
    },
    "files.special": {
        "vi": "đây không phải tệp thường (thiết bị, ống dẫn) → xoá nó khỏi thư mục bài viết",
        "en": "this is not a regular file (a device or pipe) → remove it from the posts folder",
    },
    "files.name_not_utf8": {
        "vi": "tên tệp có ký tự không đọc được (chép từ máy dùng bảng mã cũ) → đổi tên tệp, "
        "chỉ dùng chữ, số và dấu gạch ngang",
        "en": "the file name holds unreadable characters (copied from an old code page) → "
        "rename it with letters, digits and hyphens",
    },
    "files.name_too_long": {
        "vi": "tên tệp dài {length} ký tự → đặt tên ngắn hơn {limit} ký tự, ví dụ "
        "`2025-10-05-hop-dan.md`",
        "en": "the file name is {length} characters long → keep it under {limit}, e.g. "
        "`2025-10-05-village-meeting.md`",
    },
    "files.post_too_big": {
        "vi": "bài viết nặng {size} MB, quá giới hạn {limit} kB (có lẽ đã dán nhầm cả một tệp "
        "hay ảnh vào bài) → bỏ phần dán nhầm; ảnh lưu thành tệp riêng cạnh bài",
        "en": "the post is {size} MB, over the {limit} kB limit (a whole file or picture pasted "
        "in?) → remove what was pasted; save pictures as files beside the post",
    },
    "post.not_utf8": {
        "vi": "tệp không được lưu bằng mã UTF-8 (byte lạ ở dòng này, có thể do lưu bằng bảng mã "
        "Windows) → mở tệp, chọn Lưu thành (Save As) và chọn mã hoá UTF-8",
        "en": "the file is not saved as UTF-8 (odd byte on this line, probably a Windows code "
        "page) → open it, choose Save As and pick the UTF-8 encoding",
    },
    "post.no_front_matter": {
        "vi": "bài không có phần đầu → dòng đầu tiên của tệp phải là `---`, tiếp theo là các trường "
        "(`id:`, `title:`, `date:`, `categories:`), rồi một dòng `---` nữa",
        "en": "the post has no front matter → the first line of the file must be `---`, then the "
        "fields (`id:`, `title:`, `date:`, `categories:`), then another `---` line",
    },
    "post.front_matter_unclosed": {
        "vi": "phần đầu bài mở bằng `---` nhưng không có dòng `---` đóng lại → thêm một dòng `---` "
        "ngay sau trường cuối cùng",
        "en": "the front matter opens with `---` but is never closed → add a `---` line right "
        "after the last field",
    },
    "post.front_matter_unclosed_at": {
        "vi": "phần đầu bài mở ở dòng {open_line} nhưng thiếu dòng `---` đóng lại: dòng này đã là "
        "nội dung bài → thêm một dòng `---` ngay trước dòng này",
        "en": "the front matter opened on line {open_line} is never closed: this line is already "
        "the body → add a `---` line right before it",
    },
    "post.yaml_syntax": {
        "vi": "dòng này không đọc được ({problem}) → mỗi dòng viết `tên: giá trị`; nếu giá trị có "
        "dấu `:` hoặc bắt đầu bằng `[`, `{{`, `\"`, `'`, `*`, `&`, `#`, `@` thì đặt cả giá trị "
        "trong dấu nháy kép, ví dụ `title: \"Thông báo: lịch tiếp dân\"`",
        "en": "this line cannot be read ({problem}) → write each line as `name: value`; if a value "
        "holds a `:` or starts with `[`, `{{`, `\"`, `'`, `*`, `&`, `#`, `@`, put the whole value "
        "in double quotes, e.g. `title: \"Notice: office hours\"`",
    },
    "yaml.colon": {"vi": "có dấu `:` ở giữa giá trị", "en": "a `:` inside the value"},
    "yaml.quote": {"vi": "dấu nháy mở mà không đóng", "en": "a quote opened but never closed"},
    "yaml.alias": {"vi": "giá trị bắt đầu bằng `*` hoặc `&`", "en": "a value starting with `*` or `&`"},
    "yaml.indent": {"vi": "các dòng thụt vào không đều", "en": "uneven indentation"},
    "yaml.bracket": {"vi": "dấu ngoặc `[` hoặc `{{` không đóng đúng",
                     "en": "a `[` or `{{` bracket not closed properly"},
    "yaml.other": {"vi": "sai cách viết", "en": "malformed"},
    "post.yaml_tab": {
        "vi": "dòng này có dấu Tab → phần đầu bài chỉ dùng dấu cách: xoá dấu Tab, viết "
        "`tên: giá trị` sát lề trái",
        "en": "this line holds a Tab → the front matter uses spaces only: remove the Tab and write "
        "`name: value` at the left margin",
    },
    "post.key_not_text": {
        "vi": "tên trường phải là chữ → viết `tên: giá trị`, ví dụ `title: Hướng dẫn cài đặt VNeID`",
        "en": "a field name must be a word → write `name: value`, e.g. `title: Installing VNeID`",
    },
    "post.yaml_too_big": {
        "vi": "phần đầu bài quá lớn hoặc tự lặp lại (dùng `&` và `*` quá {limit} giá trị) → viết "
        "mỗi trường một lần, không dùng `&` và `*`",
        "en": "the front matter is too large or repeats itself (`&` and `*` past {limit} values) → "
        "write each field once, without `&` and `*`",
    },
    "post.control_char": {
        "vi": "dòng này có ký tự điều khiển ẩn {char} (thường do dán từ Word) → xoá ký tự đó: gõ "
        "lại đoạn chữ quanh chỗ dán, hoặc dán lại bằng Ctrl+Shift+V (dán chữ thuần)",
        "en": "this line holds the hidden control character {char} (often pasted from Word) → "
        "remove it: retype the text around it, or paste again with Ctrl+Shift+V (plain text)",
    },
    "post.not_mapping": {
        "vi": "phần đầu bài phải là danh sách các trường `tên: giá trị` → viết mỗi trường trên "
        "một dòng, ví dụ `title: Hướng dẫn cài đặt VNeID`",
        "en": "the front matter must be a list of `name: value` fields → one field per line, "
        "e.g. `title: Installing VNeID`",
    },
    "post.duplicate_key": {
        "vi": "trường này được ghi hai lần (lần đầu ở dòng {first}) → chỉ giữ một dòng",
        "en": "this field is written twice (first on line {first}) → keep only one line",
    },
    "post.unknown_key": {
        "vi": "không có trường `{key}` → có phải ý bạn là `{suggestion}`?",
        "en": "there is no field `{key}` → did you mean `{suggestion}`?",
    },
    "post.field_unused": {
        "vi": "trang không dùng trường `{key}` → xoá dòng này; các trường dùng được: {fields}",
        "en": "the site does not use the field `{key}` → remove this line; the fields are: {fields}",
    },
    "post.id_too_large": {
        "vi": "số `{value}` quá lớn (tối đa {limit}) → dùng số chưa dùng tiếp theo `id: {next_id}`",
        "en": "`{value}` is too large (at most {limit}) → use the next free number `id: {next_id}`",
    },
    "post.id_reinterpreted": {
        "vi": "`{value}` sẽ bị đọc thành một số khác → viết `id: {suggestion}` (chỉ chữ số 0–9, "
        "không có số 0 ở đầu)",
        "en": "`{value}` would be read as another number → write `id: {suggestion}` (digits 0–9 "
        "only, no leading zero)",
    },
    "post.reference_missing": {
        "vi": "không có tệp `{value}` → chép tệp vào thư mục `{folder}/` (cạnh bài), hoặc sửa tên "
        "trong bài cho đúng",
        "en": "there is no file `{value}` → copy the file into `{folder}/` (beside the post), or "
        "correct the name in the post",
    },
    "post.reference_case": {
        "vi": "không có tệp `{value}`, chỉ có `{name}` (khác chữ hoa, chữ thường; trên máy chủ đó "
        "là hai tên khác nhau) → viết đúng `{name}`",
        "en": "there is no file `{value}`, only `{name}` (different capitals; on the server they "
        "are different names) → write `{name}`",
    },
    "post.reference_refused": {
        "vi": "tệp `{value}` không được đăng (chỉ đăng ảnh, video và PDF) → dùng ảnh .jpg/.png "
        "hoặc tệp PDF",
        "en": "`{value}` is not published (only pictures, videos and PDFs are) → use a .jpg/.png "
        "picture or a PDF",
    },
    "post.template_text": {
        "vi": "còn câu mẫu của `loaxa new`: \"{text}\" → thay bằng nội dung thật",
        "en": "the sample sentence from `loaxa new` is still here: \"{text}\" → replace it with "
        "the real text",
    },
    "post.unsafe_html": {
        "vi": "bài có mã `{detail}` chạy trong trang hoặc tải trang khác → xoá đoạn mã này; video "
        "dùng trường `video:`, liên kết viết `[chữ](địa chỉ)`",
        "en": "the post holds `{detail}`, code that runs in the page or loads another site → "
        "remove it; use the `video:` field for videos and `[text](address)` for links",
    },
    "post.long_line": {
        "vi": "dòng này dài {detail} ký tự (có lẽ dán nhầm dữ liệu hay ảnh vào bài) → xoá phần dán "
        "nhầm hoặc chia thành nhiều đoạn ngắn",
        "en": "this line is {detail} characters long (pasted data or a picture?) → remove what was "
        "pasted or split it into short paragraphs",
    },
    "post.snippet": {
        "vi": "dòng `--8<--` chèn tệp khác vào trang, bài viết không dùng được → xoá dòng này, "
        "viết nội dung trực tiếp",
        "en": "a `--8<--` line includes another file; posts cannot use it → remove the line and "
        "write the text itself",
    },
    "post.data_url": {
        "vi": "ảnh được dán thẳng vào bài (`{detail}…`), nặng và còn thông tin cá nhân của ảnh → "
        "lưu ảnh thành tệp cạnh bài và viết `![mô tả ảnh](ten-anh.jpg)`",
        "en": "a picture is pasted into the post (`{detail}…`), heavy and with its personal "
        "metadata → save it as a file beside the post and write `![description](picture.jpg)`",
    },
    "post.image_not_picture": {
        "vi": "`{value}` không phải ảnh → dùng ảnh {suffixes}",
        "en": "`{value}` is not a picture → use a {suffixes} picture",
    },
    "files.unused_one": {
        "vi": "không bài nào dùng tệp này nên nó không được đăng → xoá nếu không cần, hoặc chèn vào "
        "bài: `![mô tả](tên-tệp)`",
        "en": "no post uses this file, so it is not published → remove it, or show it in a post: "
        "`![description](file-name)`",
    },
    "photos.location": {
        "vi": "ảnh còn lưu vị trí GPS nơi chụp (trang web không đăng vị trí, nhưng kho bài viết vẫn "
        "giữ) → chạy `{command}` để xoá",
        "en": "the photo still holds the GPS position where it was taken (the site never publishes "
        "it, but the repository keeps it) → run `{command}` to remove it",
    },
    "files.unused": {
        "vi": "{count} tệp trong thư mục bài viết không bài nào dùng nên không được đăng: {files}",
        "en": "{count} file(s) in the posts folder are used by no post and not published: {files}",
    },
    "post.slug_claimed": {
        "vi": "đường dẫn `{value}` từng là địa chỉ của bài id {other_id}; người đọc vẫn mở địa chỉ đó "
        "→ chọn đường dẫn khác, ví dụ `slug: {suggestion}`",
        "en": "`{value}` was once the address of post {other_id}, and readers still open it → "
        "choose another one, e.g. `slug: {suggestion}`",
    },
    "post.missing": {
        "vi": "thiếu trường bắt buộc → thêm dòng `{example}` vào phần đầu bài",
        "en": "required field missing → add the line `{example}` to the front matter",
    },
    "post.expires_format": {
        "vi": "ngày hết hiệu lực `{value}` không đọc được → ghi ngày cuối cùng thông báo còn hiệu lực, "
        "ví dụ `expires: 2026-06-30`",
        "en": "the expiry date `{value}` cannot be read → write the last day the notice is in force, "
        "e.g. `expires: 2026-06-30`",
    },
    "post.expires_before_date": {
        "vi": "ngày hết hiệu lực `{value}` không sau ngày đăng {date} → ghi ngày cuối cùng thông báo "
        "còn hiệu lực, sau ngày đăng",
        "en": "the expiry date `{value}` is not after the post's date {date} → write the last day "
        "the notice is in force, after its date",
    },
    "post.expires_soon": {
        "vi": "thông báo hết hiệu lực từ {date} (còn {days} ngày): từ hôm đó bài rời trang chủ và các "
        "nguồn tin → nếu còn hiệu lực, sửa ngày `expires:`",
        "en": "the notice expires on {date} (in {days} days): from then it leaves the home page and "
        "the feeds → if it is still in force, change `expires:`",
    },
    "print.button": {"vi": "In bài viết", "en": "Print this article"},
    "print.date": {"vi": "Ngày đăng: {date}", "en": "Published: {date}"},
    "print.read_online": {"vi": "Đọc bài này trên điện thoại: quét mã hoặc gõ địa chỉ",
                          "en": "Read it on a phone: scan the code or type the address"},
    "notice.expired": {"vi": "Hết hiệu lực từ {date}", "en": "No longer in force since {date}"},
    # The home page and the pages around it (home.py).
    "home.notice": {"vi": "Thông báo", "en": "Notice"},
    "home.until": {"vi": "hiệu lực đến hết {date}", "en": "in force until {date}"},
    "home.until_time": {"vi": "hiệu lực đến {time} ngày {date}", "en": "in force until {time} on {date}"},
    "home.sections": {"vi": "Đi nhanh đến chuyên mục", "en": "Go to a section"},
    "home.latest": {"vi": "Tin mới", "en": "Latest"},
    "home.call": {"vi": "Gọi {phone}", "en": "Call {phone}"},
    "home.contact": {"vi": "Liên hệ", "en": "Contact"},
    "home.all_contacts": {"vi": "Mọi số điện thoại và địa chỉ liên hệ",
                          "en": "Every phone number and address"},
    "page.tabs": {"vi": "Các mục chính", "en": "Main sections"},
    "page.top": {"vi": "Lên đầu trang", "en": "Back to top"},
    "page.not_found_title": {"vi": "Không tìm thấy trang này", "en": "Page not found"},
    "page.not_found_text": {"vi": "Địa chỉ này không có trên trang thông tin của xã, hoặc bài đã được "
                            "chuyển đi. Bà con có thể về trang chủ hoặc tìm bài cần đọc.",
                            "en": "This address is not on the commune's site, or the article has moved. "
                            "Go to the home page or search for the article."},
    "page.home": {"vi": "Về trang chủ", "en": "Home page"},
    "page.search": {"vi": "Tìm bài viết", "en": "Search the site"},
    "post.no_id": {
        "vi": "bài chưa có số (`id`), nên chưa đăng được → bài soạn trên trình duyệt: không cần làm "
        "gì, quy trình đăng tự cấp số khi bài lên kho GitHub; bài viết bằng tay: thêm dòng `{example}`",
        "en": "the post has no number (`id`) yet, so it cannot be published → written in the "
        "browser: nothing to do, the publish workflow numbers it once it is on GitHub; written by "
        "hand: add the line `{example}`",
    },
    "post.empty": {
        "vi": "trường để trống → ghi giá trị, ví dụ `{example}`",
        "en": "the field is empty → give it a value, e.g. `{example}`",
    },
    "post.not_text": {
        "vi": "phải là một dòng chữ → ví dụ `{example}`",
        "en": "must be a line of text → e.g. `{example}`",
    },
    "post.id_invalid": {
        "vi": "`{value}` không phải số nguyên dương → ghi một số chưa dùng, ví dụ `id: {next_id}`",
        "en": "`{value}` is not a positive whole number → write an unused number, e.g. "
        "`id: {next_id}`",
    },
    "post.id_duplicate": {
        "vi": "số {value} đã dùng cho {other} → đổi bài này sang số chưa dùng `id: {next_id}` "
        "(đừng đổi id của bài đã đăng: áp phích đã in dùng số đó)",
        "en": "number {value} is already used by {other} → give this post the unused "
        "`id: {next_id}` (never change the id of a published post: printed posters use it)",
    },
    "post.date_impossible": {
        "vi": "`{value}` không phải ngày có thật → kiểm tra ngày, tháng và năm, viết dạng `2025-10-05` "
        "hoặc `05/10/2025` (ngày/tháng/năm)",
        "en": "`{value}` is not a real date → check the day, month and year; write `2025-10-05` or "
        "`05/10/2025` (day/month/year)",
    },
    "post.date_format": {
        "vi": "không đọc được ngày `{value}` → viết dạng `2025-10-05`, `2025-10-05 14:30` hoặc "
        "`05/10/2025` (ngày/tháng/năm)",
        "en": "cannot read the date `{value}` → write `2025-10-05`, `2025-10-05 14:30` or "
        "`05/10/2025` (day/month/year)",
    },
    "post.date_mapping": {
        "vi": "dạng nhiều ngày phải có `created:` → ví dụ `date: {{created: 2025-10-05, updated: "
        "2025-10-07}}`, hoặc đơn giản `date: 2025-10-05`",
        "en": "the multi-date form needs `created:` → e.g. `date: {{created: 2025-10-05, updated: "
        "2025-10-07}}`, or simply `date: 2025-10-05`",
    },
    "post.category_unknown": {
        "vi": "chuyên mục `{value}` không có trong danh sách → có phải ý bạn là `{suggestion}`? "
        "(các chuyên mục: {allowed})",
        "en": "category `{value}` is not in the list → did you mean `{suggestion}`? "
        "(categories: {allowed})",
    },
    "post.category_unknown_plain": {
        "vi": "chuyên mục `{value}` không có trong danh sách → chọn một trong: {allowed}",
        "en": "category `{value}` is not in the list → choose one of: {allowed}",
    },
    "post.list_invalid": {
        "vi": "phải là một tên hoặc danh sách tên → ví dụ `{example}`",
        "en": "must be one name or a list of names → e.g. `{example}`",
    },
    "post.bool_invalid": {
        "vi": "`{value}` không phải `true` hay `false` → ghi `{field}: true` hoặc `{field}: false`",
        "en": "`{value}` is not `true` or `false` → write `{field}: true` or `{field}: false`",
    },
    "post.slug_invalid": {
        "vi": "`{value}` chỉ được gồm chữ thường không dấu, số và dấu gạch ngang → ví dụ "
        "`slug: {suggestion}`",
        "en": "`{value}` may hold only lower-case ASCII letters, digits and hyphens → e.g. "
        "`slug: {suggestion}`",
    },
    "post.slug_duplicate": {
        "vi": "đường dẫn `{value}` đã dùng cho {other} → chọn đường dẫn khác, ví dụ `slug: {suggestion}`",
        "en": "the address `{value}` is already used by {other} → pick another, e.g. "
        "`slug: {suggestion}`",
    },
    "post.slug_reserved": {
        "vi": "đường dẫn `{value}` trùng với một trang có sẵn của trang web → chọn đường dẫn khác, "
        "ví dụ `slug: {suggestion}`",
        "en": "the address `{value}` is taken by a page of the site itself → pick another, e.g. "
        "`slug: {suggestion}`",
    },
    "post.file_missing": {
        "vi": "không tìm thấy tệp `{value}` (tính từ thư mục chứa bài viết) → đặt tệp cạnh bài và "
        "ghi tên tệp, ví dụ `{field}: anh-bia.jpg`",
        "en": "file `{value}` not found (looked for next to the post) → put the file beside the "
        "post and write its name, e.g. `{field}: cover.jpg`",
    },
    "post.file_outside": {
        "vi": "`{value}` nằm ngoài thư mục {posts_dir}/ → chép tệp vào cạnh bài viết trong "
        "{posts_dir}/ rồi ghi `{field}: <tên tệp>`",
        "en": "`{value}` lies outside the {posts_dir}/ folder → copy the file beside the post in "
        "{posts_dir}/ and write `{field}: <file name>`",
    },
    "post.video_invalid": {
        "vi": "`{value}` không phải địa chỉ video → ghi địa chỉ đầy đủ bắt đầu bằng `https://`, "
        "ví dụ `video: https://www.youtube.com/watch?v=…`, hoặc tên tệp .mp4 đặt cạnh bài",
        "en": "`{value}` is not a video address → write a full address starting with "
        "`https://`, e.g. `video: https://www.youtube.com/watch?v=…`, or an .mp4 file beside "
        "the post",
    },
    "post.stray_docs_post": {
        "vi": "bài viết nằm trong docs/ nên không được kiểm tra → chuyển tệp này sang thư mục "
        "{posts_dir}/",
        "en": "a post inside docs/ is never checked → move this file to the {posts_dir}/ folder",
    },
    "post.backdated": {
        "vi": "bài đề ngày {date}, sớm hơn {days} ngày so với bài đã đăng {other} ({other_date}) → "
        "dịch vụ tự đăng lên Facebook, Zalo có thể bỏ qua bài này; nếu là bài mới, ghi ngày hôm "
        "nay",
        "en": "the post is dated {date}, {days} days before the already published {other} "
        "({other_date}) → services that cross-post to Facebook and Zalo may skip it; if it is "
        "new, give it today's date",
    },
    "post.no_alt": {
        "vi": "ảnh `{image}` chưa có lời mô tả → ghi mô tả trong ngoặc vuông, ví dụ "
        "`![Cán bộ hướng dẫn bà con cài VNeID]({image})`; người khiếm thị nghe được lời này",
        "en": "image `{image}` has no description → write one in the brackets, e.g. "
        "`![Staff helping residents install VNeID]({image})`; screen readers read it aloud",
    },
    "post.large_photo": {
        "vi": "ảnh `{image}` quá lớn ({megabytes} MB, cạnh dài {side} điểm ảnh) → thu nhỏ ảnh "
        "xuống khoảng 2000 điểm ảnh trước khi đưa vào (điện thoại: chọn gửi ảnh cỡ vừa)",
        "en": "image `{image}` is too large ({megabytes} MB, long side {side} px) → shrink it "
        "to about 2000 px before adding it",
    },
    "post.scheduled": {
        "vi": "bài hẹn giờ: sẽ chỉ hiện trên trang từ {date} {time} → nếu muốn đăng ngay, ghi "
        "ngày hôm nay",
        "en": "scheduled: appears on the site from {date} {time} → to publish now, use today's date",
    },
    "post.long_description": {
        "vi": "mô tả dài {length} ký tự, khi chia sẻ lên Facebook, Zalo sẽ bị cắt → rút gọn còn "
        "dưới {limit} ký tự",
        "en": "the description is {length} characters long and share previews cut it → keep it "
        "under {limit} characters",
    },
    "post.advice_header": {
        "vi": "Lưu ý ({count}), bài vẫn đăng được nhưng nên sửa:",
        "en": "Advice ({count}): the posts can be published, but fix these:",
    },
    "post.problems_header": {
        "vi": "Có {count} lỗi trong bài viết; trang web chưa được cập nhật. Sửa các dòng sau rồi "
        "chạy lại:",
        "en": "{count} problem(s) in the posts; the site was not updated. Fix these lines and run "
        "again:",
    },
    "post.problems_header_check": {
        "vi": "Có {count} lỗi: khi đăng, trang web sẽ không được cập nhật. Sửa các dòng sau rồi "
        "chạy lại `loaxa check`:",
        "en": "{count} problem(s): publishing would not update the site. Fix these lines and run "
        "`loaxa check` again:",
    },
    "post.next_id": {
        "vi": "Số id chưa dùng tiếp theo: {next_id}",
        "en": "Next free id: {next_id}",
    },
    # The preview's error page.
    "preview.unexpected": {
        "vi": "Lỗi bất ngờ khi dựng trang, không do bài viết → chụp lại thông báo này gửi người quản "
        "trị trang: {error}",
        "en": "An unexpected error while building, not caused by a post → send this message to "
        "the site's administrator: {error}",
    },
    "preview.title": {
        "vi": "Bài viết có lỗi — chưa xem trước được",
        "en": "A post has mistakes — no preview yet",
    },
    "preview.intro": {
        "vi": "Lần lưu vừa rồi chưa dựng lại được trang web. Mỗi lỗi ghi tệp nào, dòng thứ mấy, "
        "trường nào, sai gì, và sau dấu → là cách sửa:",
        "en": "The site could not be rebuilt after the last save. Each problem names the file, "
        "the line, the field, what is wrong and, after the →, how to fix it:",
    },
    "preview.strict": {
        "vi": "Trang đang dựng ở chế độ nghiêm ngặt (`strict`): mỗi cảnh báo dưới đây cũng chặn "
        "việc dựng trang.",
        "en": "The site is built in strict mode (`strict`): each warning below stops the build too.",
    },
    "preview.reload": {
        "vi": "Sửa bài và lưu tệp là trang này tự tải lại và hiện bài viết, không cần bấm tải lại.",
        "en": "Fix the post and save the file: this page reloads by itself and shows the post, "
        "no need to press reload.",
    },
    # The loaxa command line.
    "cli.description": {"vi": "Loa Xã: công cụ cho trang tin của xã.",
                        "en": "Loa Xã: tools for the commune's news site."},
    "cli.usage_prefix": {"vi": "Cách dùng: ", "en": "Usage: "},
    "cli.arguments_title": {"vi": "Tham số", "en": "Arguments"},
    "cli.options_title": {"vi": "Tuỳ chọn", "en": "Options"},
    "cli.commands_title": {"vi": "Các lệnh", "en": "Commands"},
    "cli.command_metavar": {"vi": "LỆNH", "en": "COMMAND"},
    "cli.help_option": {"vi": "hiện hướng dẫn này rồi thôi", "en": "show this help and stop"},
    "cli.config_option": {
        "vi": "tệp mkdocs.yml của trang, ví dụ `-f mkdocs.yml` (mặc định: mkdocs.yml ở thư mục "
        "đang đứng)",
        "en": "the site's mkdocs.yml, e.g. `-f mkdocs.yml` (default: mkdocs.yml in the current "
        "folder)",
    },
    "cli.file_metavar": {"vi": "TỆP", "en": "FILE"},
    "cli.new_help": {"vi": "tạo một bài viết mới trong thư mục bài viết",
                     "en": "create a new post in the posts folder"},
    "cli.title_help": {
        "vi": "tiêu đề, trong dấu nháy, ví dụ \"Hướng dẫn cài VNeID\" (bỏ trống thì lệnh sẽ hỏi)",
        "en": "the title, in quotes, e.g. \"Installing VNeID\" (leave it out to be asked)",
    },
    "cli.title_metavar": {"vi": "TIÊU_ĐỀ", "en": "TITLE"},
    "cli.category_help": {"vi": "chuyên mục, ví dụ `--category \"Hướng dẫn\"`",
                          "en": "the category, e.g. `--category \"Guides\"`"},
    "cli.category_metavar": {"vi": "CHUYÊN_MỤC", "en": "CATEGORY"},
    "cli.video_help": {
        "vi": "địa chỉ video YouTube hoặc Facebook, ví dụ `--video https://www.youtube.com/watch?v=…`",
        "en": "a YouTube or Facebook video address, e.g. `--video https://www.youtube.com/watch?v=…`",
    },
    "cli.address_metavar": {"vi": "ĐỊA_CHỈ", "en": "ADDRESS"},
    "cli.image_help": {"vi": "ảnh bìa, sẽ được chép vào cạnh bài viết, ví dụ `--image anh.jpg`",
                       "en": "the cover picture, copied beside the post, e.g. `--image photo.jpg`"},
    "cli.document_number_metavar": {"vi": "SỐ/KÝ-HIỆU", "en": "NUMBER"},
    "cli.document_number_help": {
        "vi": "bài là một văn bản có số, ký hiệu này, ví dụ `--document 611/KH-UBND`; cần thêm "
        "--type, --issuer, --signed, --file",
        "en": "the post is a document with this number, e.g. `--document 611/KH-UBND`; needs --type, "
        "--issuer, --signed, --file",
    },
    "cli.document_type_metavar": {"vi": "LOẠI", "en": "TYPE"},
    "cli.document_type_help": {"vi": "loại văn bản, ví dụ `--type \"Kế hoạch\"`",
                               "en": "the document's type, e.g. `--type \"Kế hoạch\"`"},
    "cli.document_issuer_metavar": {"vi": "CƠ-QUAN", "en": "ISSUER"},
    "cli.document_issuer_help": {"vi": "cơ quan ban hành, ví dụ `--issuer \"UBND xã Mường Kim\"`",
                                 "en": "who issued it, e.g. `--issuer \"UBND xã Mường Kim\"`"},
    "cli.document_signer_metavar": {"vi": "NGƯỜI-KÝ", "en": "SIGNER"},
    "cli.document_signer_help": {"vi": "người ký (không bắt buộc)", "en": "who signed it (optional)"},
    "cli.document_signed_metavar": {"vi": "NGÀY", "en": "DATE"},
    "cli.document_signed_help": {"vi": "ngày ký, ví dụ `--signed 2025-08-08`",
                                 "en": "the day it was signed, e.g. `--signed 2025-08-08`"},
    "cli.document_file_metavar": {"vi": "TỆP-PDF", "en": "PDF"},
    "cli.document_file_help": {"vi": "tệp PDF của văn bản, sẽ được chép vào cạnh bài viết",
                               "en": "the document's PDF, copied beside the post"},
    "cli.image_metavar": {"vi": "ẢNH", "en": "PICTURE"},
    "cli.date_help": {"vi": "ngày đăng (mặc định: bây giờ), ví dụ `--date \"2025-10-05 08:00\"`",
                      "en": "the publication date (default: now), e.g. `--date \"2025-10-05 08:00\"`"},
    "cli.date_metavar": {"vi": "NGÀY", "en": "DATE"},
    "cli.check_help": {"vi": "kiểm tra mọi bài viết mà không dựng trang",
                       "en": "check every post without building the site"},
    "cli.posters_help": {"vi": "ghi một tệp PDF gồm áp phích của các bài đã đăng được chọn",
                         "en": "write one PDF with the posters of the chosen published posts"},
    "cli.posters_description": {
        "vi": "Ghi một tệp PDF, mỗi trang một áp phích. Không ghi điều kiện nào thì in mọi bài đã "
        "đăng. Một bài được in khi khớp mọi điều kiện đã ghi; với mỗi điều kiện, khớp một trong các "
        "giá trị là đủ.",
        "en": "Write one PDF with a poster per page. With no condition, every published post is "
        "printed. A post is printed when it matches every condition given; for each condition, "
        "matching one of its values is enough.",
    },
    "cli.month_help": {"vi": "tháng đăng, ví dụ `--month 2025-10` (ghi nhiều lần được)",
                       "en": "the month of publication, e.g. `--month 2025-10` (may be repeated)"},
    "cli.month_metavar": {"vi": "THÁNG", "en": "MONTH"},
    "cli.posters_category_help": {
        "vi": "chuyên mục, ví dụ `--category \"Hướng dẫn\"` (ghi nhiều lần được)",
        "en": "the category, e.g. `--category \"Guides\"` (may be repeated)",
    },
    "cli.ids_help": {"vi": "các số id, cách nhau bằng dấu phẩy, ví dụ `--ids 3,5,12`",
                     "en": "the ids, separated by commas, e.g. `--ids 3,5,12`"},
    "cli.ids_metavar": {"vi": "SỐ,SỐ", "en": "ID,ID"},
    "cli.output_help": {
        "vi": "tệp PDF sẽ ghi, hoặc thư mục để ghi vào, ví dụ `-o ap-phich.pdf` (mặc định: "
        "ap-phich/ap-phich[-tháng].pdf cạnh mkdocs.yml); không bao giờ ghi đè tệp khác",
        "en": "the PDF to write, or a folder to write into, e.g. `-o posters.pdf` (default: "
        "ap-phich/ap-phich[-month].pdf beside mkdocs.yml); never overwrites any other file",
    },
    "cli.output_metavar": {"vi": "TỆP.pdf", "en": "FILE.pdf"},
    "cli.clean_help": {
        "vi": "xoá vị trí chụp và thông tin cá nhân khỏi ảnh trong thư mục bài viết",
        "en": "remove the location and personal data from the pictures in the posts folder",
    },
    "cli.clean_files_help": {
        "vi": "các ảnh cần làm sạch, nằm trong thư mục bài viết (bỏ trống: mọi ảnh còn ghi vị trí "
        "chụp)",
        "en": "the pictures to clean, inside the posts folder (leave out: every picture that still "
        "records a location)",
    },
    "cli.unknown_command": {"vi": "Không có lệnh `{command}`.", "en": "There is no command `{command}`."},
    "cli.did_you_mean": {"vi": "Có phải ý bạn là `{suggestion}`?", "en": "Did you mean `{suggestion}`?"},
    "cli.command_list": {"vi": "Các lệnh của loaxa:", "en": "The loaxa commands:"},
    "cli.unknown_option": {"vi": "Lệnh `{command}` không có tuỳ chọn `{option}`.",
                           "en": "The command `{command}` has no option `{option}`."},
    "cli.unexpected_word": {"vi": "Lệnh `{command}` không hiểu `{value}`.",
                            "en": "The command `{command}` does not understand `{value}`."},
    "cli.quote_hint": {
        "vi": "Nếu tiêu đề hay giá trị có dấu cách, đặt cả nó trong dấu nháy kép, ví dụ "
        "`--category \"Hướng dẫn\"`.",
        "en": "If a title or value holds a space, put all of it in double quotes, e.g. "
        "`--category \"Guides\"`.",
    },
    "cli.missing_value": {"vi": "Tuỳ chọn `{option}` cần một giá trị ngay sau nó: {help}",
                          "en": "The option `{option}` needs a value right after it: {help}"},
    "cli.see_help": {"vi": "Xem cách dùng: `{command} --help`",
                     "en": "See how to use it: `{command} --help`"},
    "cli.not_understood": {"vi": "Không hiểu lệnh này → xem cách dùng: `loaxa --help`",
                           "en": "This command is not understood → see `loaxa --help`"},
    "cli.output_not_pdf": {
        "vi": "Tên tệp `{path}` không kết thúc bằng `.pdf`; áp phích chỉ ghi vào tệp PDF → chọn tên "
        "khác, ví dụ `-o ap-phich.pdf`",
        "en": "The name `{path}` does not end in `.pdf`; posters are only written to a PDF → choose "
        "another name, e.g. `-o posters.pdf`",
    },
    "cli.output_taken": {
        "vi": "Đã có {path} và đó không phải tệp áp phích do loaxa ghi, nên không ghi đè → chọn tên "
        "khác, ví dụ `-o {suggestion}`",
        "en": "{path} already exists and is not a poster file loaxa wrote, so it is not overwritten "
        "→ choose another name, e.g. `-o {suggestion}`",
    },
    "cli.output_unwritable": {
        "vi": "Không ghi được {path} → kiểm tra thư mục đó có ghi được không, hoặc chọn chỗ khác, "
        "ví dụ `-o ap-phich.pdf`",
        "en": "Cannot write {path} → check that its folder can be written, or choose another place, "
        "e.g. `-o posters.pdf`",
    },
    "cli.posters_chosen": {
        "vi": "Đã chọn: {filters}. Một bài được in khi khớp mọi điều kiện này (với mỗi điều kiện, "
        "khớp một trong các giá trị là đủ).",
        "en": "Chosen: {filters}. A post is printed when it matches every one of these conditions "
        "(for each condition, matching one of its values is enough).",
    },
    "cli.filter_months": {"vi": "tháng {months}", "en": "month {months}"},
    "cli.filter_categories": {"vi": "chuyên mục {categories}", "en": "category {categories}"},
    "cli.filter_ids": {"vi": "id {ids}", "en": "id {ids}"},
    "cli.or": {"vi": " hoặc ", "en": " or "},
    "cli.months_present": {"vi": "Các tháng có bài đã đăng: {months}",
                           "en": "Months with published posts: {months}"},
    "cli.none_published": {
        "vi": "Chưa có bài nào đã đăng (bản nháp và bài hẹn ngày đăng sau thì chưa in được)",
        "en": "No post is published yet (drafts and posts scheduled for later cannot be printed)",
    },
    "cli.month_empty": {"vi": "Tháng {month} không có bài đã đăng nào",
                        "en": "No post was published in {month}"},
    "cli.categories_in": {"vi": "Chuyên mục có bài đã đăng trong tháng {months}: {categories}",
                          "en": "Categories with published posts in {months}: {categories}"},
    "cli.categories_present": {"vi": "Chuyên mục có bài đã đăng: {categories}",
                               "en": "Categories with published posts: {categories}"},
    "cli.category_count": {"vi": "{name} ({count} bài)", "en": "{name} ({count} posts)"},
    "cli.id_found": {"vi": "Bài id {id}: tháng {month}, chuyên mục {categories}",
                     "en": "Post id {id}: month {month}, category {categories}"},
    "cli.id_unpublished": {
        "vi": "Bài id {id} chưa đăng (bản nháp hoặc hẹn ngày đăng sau), nên chưa in được",
        "en": "Post id {id} is not published (a draft or scheduled for later), so it cannot be "
        "printed yet",
    },
    "cli.id_missing": {"vi": "Không có bài nào mang id {id}", "en": "No post has the id {id}"},
    "clean.outside": {
        "vi": "{path} không nằm trong thư mục bài viết {folder}; lệnh này chỉ sửa ảnh trong thư mục "
        "đó → chép ảnh vào {folder} rồi chạy lại",
        "en": "{path} is not inside the posts folder {folder}; this command only changes pictures "
        "there → copy the picture into {folder} and run it again",
    },
    "clean.not_picture": {
        "vi": "{path} không phải tệp ảnh → chỉ ghi tên các tệp ảnh, ví dụ `posts/2025/hop-dan.jpg`",
        "en": "{path} is not a picture → name picture files only, e.g. `posts/2025/meeting.jpg`",
    },
    "clean.cleaned": {"vi": "Đã xoá vị trí và thông tin cá nhân: {path}",
                      "en": "Removed the location and personal data: {path}"},
    "clean.summary": {"vi": "Đã làm sạch {count} ảnh.", "en": "Cleaned {count} pictures."},
    "clean.nothing": {"vi": "Không có ảnh nào trong {folder} còn ghi vị trí chụp.",
                      "en": "No picture in {folder} still records a location."},
    "clean.failed": {"vi": "{count} ảnh không làm sạch được (xem các dòng ở trên).",
                     "en": "{count} pictures could not be cleaned (see the lines above)."},
    # Pictures: formats, metadata, limits.
    "image.too_many_pixels": {
        "vi": "{path}: ảnh quá nhiều điểm ảnh ({width}×{height}, tối đa {limit} triệu) → mở ảnh trên "
        "máy, thu nhỏ (ví dụ rộng 2000 điểm ảnh) rồi chép đè lên tệp này",
        "en": "{path}: the picture has too many pixels ({width}×{height}, at most {limit} million) → "
        "open it, shrink it (e.g. 2000 pixels wide) and copy it over this file",
    },
    "image.unsupported": {
        "vi": "{path}: loaxa chưa đọc được ảnh dạng {kind} → mở ảnh trên máy, lưu lại dạng JPG hoặc "
        "PNG rồi chép đè lên tệp này",
        "en": "{path}: loaxa cannot read {kind} pictures → open it, save it again as JPG or PNG and "
        "copy it over this file",
    },
    # Videos.
    "clean.video_outside": {
        "vi": "{path} không nằm trong thư mục bài viết {folder}; lệnh này chỉ sửa video trong thư mục "
        "đó → chép video vào {folder} rồi chạy lại",
        "en": "{path} is not inside the posts folder {folder}; this command only changes videos "
        "there → copy the video into {folder} and run it again",
    },
    "clean.no_video": {
        "vi": "Không tìm thấy video {value} → kiểm tra lại đường dẫn tới tệp video",
        "en": "Video {value} not found → check the path to the video",
    },
    "clean.video_cleaned": {"vi": "Đã xoá vị trí quay video: {path}",
                            "en": "Removed the place the video was recorded: {path}"},
    "clean.video_unchanged": {"vi": "{path}: không thấy vị trí nào trong video; tệp được giữ nguyên",
                              "en": "{path}: no location found in the video; the file is left as it is"},
    "clean.video_unreadable": {
        "vi": "{path}: không đọc hoặc ghi được tệp video → kiểm tra quyền của tệp và chỗ trống trên "
        "ổ đĩa, đóng chương trình đang mở video rồi chạy lại",
        "en": "{path}: the video cannot be read or written → check the file's permissions and the "
        "free disk space, close any program that has it open and run again",
    },
    "clean.summary_videos": {"vi": "Đã làm sạch {pictures} ảnh và {videos} video.",
                             "en": "Cleaned {pictures} pictures and {videos} videos."},
    "clean.failed_files": {"vi": "{count} tệp ảnh, video không làm sạch được (xem các dòng ở trên).",
                           "en": "{count} pictures and videos could not be cleaned (see the lines above)."},
    "image.too_big": {
        "vi": "{path}: tệp ảnh quá lớn ({megabytes} MB, tối đa {limit} MB) → mở ảnh trên máy, thu nhỏ "
        "(ví dụ rộng 2000 điểm ảnh) hoặc lưu lại dạng JPG rồi chép đè lên tệp này",
        "en": "{path}: the picture file is too large ({megabytes} MB, at most {limit} MB) → open it, "
        "shrink it (e.g. 2000 pixels wide) or save it again as JPG and copy it over this file",
    },
    "new.image_not_copied": {
        "vi": "Không chép được ảnh bìa {value} thành {path}, chưa tạo bài viết → kiểm tra quyền ghi "
        "và chỗ trống trên ổ đĩa rồi chạy lại",
        "en": "Could not copy the cover {value} to {path}, so no post was created → check the write "
        "permissions and the free disk space and run again",
    },
    "post.small_cover": {
        "vi": "ảnh bìa `{image}` khi đăng chỉ {width}×{height} điểm ảnh, nhỏ hơn cỡ 1200×630 mà "
        "Facebook khuyên dùng (dưới 600×315 thì chỉ hiện ảnh nhỏ khi chia sẻ) → thay bằng ảnh lớn "
        "hơn, ít nhất rộng 1200 và cao 630 điểm ảnh; trong lúc chờ, khi chia sẻ trang dùng ảnh "
        "1200×630 đặt ảnh bìa lên thẻ chia sẻ của trang",
        "en": "cover `{image}` is published at only {width}×{height} px, smaller than the 1200×630 "
        "Facebook recommends (below 600×315 a share shows only a small picture) → use a larger "
        "picture, at least 1200 px wide and 630 px high; meanwhile, shares use a 1200×630 picture "
        "with the cover on the site's share card",
    },
    # The web editor (admin/): its form, its commits, the problem list and the photo cleaner.
    "editor.title": {"vi": "Soạn bài — {site}", "en": "Editor — {site}"},
    "editor.vendor_changed": {
        "vi": "tệp `{path}` của trình soạn bài đã bị thay đổi so với bản đã kiểm tra → cài lại loaxa "
        "(hoặc chạy `python3 scripts/vendor_editor.py`)",
        "en": "the editor's file `{path}` differs from the checked release → reinstall loaxa (or run "
        "`python3 scripts/vendor_editor.py`)",
    },
    "editor.not_set_up": {
        "vi": "Trình soạn bài trên mạng chưa được bật cho trang này: người quản trị cần ghi kho lưu "
        "bài (mục `editor: repo:` của `loaxa` trong mkdocs.yml), xem trang /bien-tap/soan-bai/. Trên "
        "máy tính của xã, gõ `loaxa editor` để soạn bài ngay.",
        "en": "The online editor is not set up for this site: the administrator must name the "
        "repository (`editor: repo:` under `loaxa` in mkdocs.yml), see /bien-tap/soan-bai/. On the "
        "office computer, run `loaxa editor` to write now.",
    },
    "editor.posts": {"vi": "Bài viết", "en": "Posts"},
    "editor.post": {"vi": "bài viết", "en": "post"},
    "editor.posts_description": {
        "vi": "Tin tức, hướng dẫn, video và thông báo của xã. Bài mới được cấp số và đăng khi lưu; "
        "lỗi (nếu có) hiện ở cuối trang này.",
        "en": "The commune's news, guides, videos and notices. A new post gets its number and is "
        "published when saved; problems, if any, show at the bottom of this page.",
    },
    "editor.pages": {"vi": "Trang giới thiệu", "en": "Site pages"},
    "editor.pages_description": {
        "vi": "Các trang cố định của trang web: giới thiệu, liên hệ…",
        "en": "The site's own pages: about, contact…",
    },
    "editor.default_category": {"vi": "Tin tức", "en": "News"},
    "editor.required": {"vi": "Trường này không được để trống", "en": "This field must not be empty"},
    "editor.bad_video": {
        "vi": "Ghi địa chỉ video bắt đầu bằng https:// (YouTube, Facebook), hoặc tên tệp .mp4 đặt cạnh bài",
        "en": "Write the video's address starting with https:// (YouTube, Facebook), or the name of an "
        ".mp4 file beside the post",
    },
    "editor.field.title": {"vi": "Tiêu đề", "en": "Title"},
    "editor.hint.title": {
        "vi": "Ngắn gọn, dễ hiểu, viết hoa chữ đầu. Đường dẫn của bài được lấy từ tiêu đề khi đăng "
        "lần đầu và không đổi về sau.",
        "en": "Short and plain. The post's address is made from the title when first published and "
        "never changes after.",
    },
    "editor.field.date": {"vi": "Ngày đăng", "en": "Date"},
    "editor.hint.date": {
        "vi": "Giờ Việt Nam. Chọn một ngày sau hôm nay để hẹn giờ đăng.",
        "en": "Vietnam time. Pick a later day to schedule the post.",
    },
    "editor.field.categories": {"vi": "Chuyên mục", "en": "Category"},
    "editor.hint.categories": {"vi": "Chọn ít nhất một chuyên mục.", "en": "Pick at least one."},
    "editor.field.image": {"vi": "Ảnh bìa", "en": "Cover picture"},
    "editor.hint.image": {
        "vi": "Không bắt buộc. Ảnh được thu nhỏ và xoá vị trí chụp (GPS) trước khi lưu.",
        "en": "Optional. The photo is made smaller and its location (GPS) removed before it is saved.",
    },
    "editor.field.description": {"vi": "Mô tả ngắn", "en": "Short description"},
    "editor.hint.description": {
        "vi": "Không bắt buộc. Một hai câu hiện khi chia sẻ bài lên Facebook, Zalo; để trống thì "
        "dùng đoạn đầu của bài.",
        "en": "Optional. One or two sentences shown when the post is shared; empty: the first "
        "paragraph is used.",
    },
    "editor.field.video": {"vi": "Địa chỉ video", "en": "Video address"},
    "editor.hint.video": {
        "vi": "Chỉ cho bài video: địa chỉ YouTube hoặc Facebook, ví dụ https://www.youtube.com/watch?v=…",
        "en": "Video posts only: a YouTube or Facebook address, e.g. https://www.youtube.com/watch?v=…",
    },
    "editor.field.tags": {"vi": "Thẻ", "en": "Tags"},
    "editor.hint.tags": {"vi": "Không bắt buộc, ví dụ: VNeID, dịch vụ công.",
                         "en": "Optional, e.g. VNeID, public services."},
    "editor.field.expires": {"vi": "Hết hiệu lực sau ngày", "en": "In force until"},
    "editor.hint.expires": {
        "vi": "Chỉ cho thông báo có thời hạn (lịch tiếp dân, lịch họp…): ngày cuối cùng còn hiệu lực. "
        "Sau ngày đó bài rời trang chủ và các nguồn tin, vẫn đọc được ở địa chỉ của nó.",
        "en": "Only for notices with an end (meeting schedules…): the last day in force. After it "
        "the post leaves the home page and the feeds, and stays readable at its address.",
    },
    "editor.field.draft": {"vi": "Bản nháp (chưa đăng)", "en": "Draft (not published)"},
    "editor.hint.draft": {"vi": "Bật để lưu mà chưa đăng lên trang.",
                          "en": "On: saved but not published."},
    "editor.field.body": {"vi": "Nội dung", "en": "Body"},
    "editor.hint.body": {
        "vi": "Đoạn đầu tiên hiện ở trang chủ. Bài hướng dẫn: mỗi bước một dòng đánh số 1. 2. 3. "
        "Ảnh trong bài cần có lời mô tả.",
        "en": "The first paragraph shows on the home page. Guides: one numbered line per step. "
        "Pictures need a description.",
    },
    "editor.commit.create": {"vi": "Thêm bài “{{{{slug}}}}” từ trình soạn bài",
                             "en": "Add post “{{{{slug}}}}” from the editor"},
    "editor.commit.update": {"vi": "Sửa bài “{{{{slug}}}}” từ trình soạn bài",
                             "en": "Edit post “{{{{slug}}}}” from the editor"},
    "editor.commit.delete": {"vi": "Xoá “{{{{slug}}}}” từ trình soạn bài",
                             "en": "Delete “{{{{slug}}}}” from the editor"},
    "editor.commit.uploadMedia": {"vi": "Thêm tệp “{{{{path}}}}” từ trình soạn bài",
                                  "en": "Add file “{{{{path}}}}” from the editor"},
    "editor.commit.deleteMedia": {"vi": "Xoá tệp “{{{{path}}}}” từ trình soạn bài",
                                  "en": "Delete file “{{{{path}}}}” from the editor"},
    "editor.ui.status_title": {
        "vi": "Có {count} lỗi cần sửa; khi còn lỗi, trang web chưa được cập nhật",
        "en": "{count} problems to fix; until they are, the site is not updated",
    },
    "editor.ui.status_checking": {"vi": "Đang kiểm tra bài vừa lưu (vài phút)…",
                                  "en": "Checking what you saved (a few minutes)…"},
    "editor.ui.status_unreachable": {
        "vi": "Không kết nối được với chương trình soạn bài trên máy: cửa sổ `loaxa editor` còn mở không?",
        "en": "Cannot reach the editor on this computer: is the `loaxa editor` window still open?",
    },
    "editor.ui.edit": {"vi": "Sửa bài này", "en": "Edit this post"},
    "editor.ui.close": {"vi": "Thu gọn", "en": "Fold"},
    "editor.ui.show": {"vi": "Xem lỗi", "en": "Show"},
    "editor.ui.line": {"vi": "dòng {line}", "en": "line {line}"},
    "editor.ui.preview": {"vi": "Xem trang web ↗", "en": "View the site ↗"},
    "editor.ui.photo_busy": {"vi": "Đang thu nhỏ ảnh và xoá vị trí chụp…",
                             "en": "Making the photo smaller and removing its location…"},
    "editor.ui.photo_unreadable": {
        "vi": "Không đọc được ảnh “{name}” trên trình duyệt này nên ảnh chưa được lưu → chụp lại "
        "hoặc chọn ảnh JPEG/PNG (trên iPhone: Cài đặt › Camera › Định dạng › Tương thích nhất)",
        "en": "The photo “{name}” cannot be read in this browser, so it was not saved → take it again "
        "or pick a JPEG/PNG (iPhone: Settings › Camera › Formats › Most Compatible)",
    },
    "editor.ui.photo_failed": {"vi": "Ảnh chưa được lưu, hãy thử lại.",
                               "en": "The photo was not saved; try again."},
    "editor.ui.token_title": {"vi": "Hoặc đăng nhập bằng mã truy cập GitHub",
                              "en": "Or sign in with a GitHub access token"},
    "editor.ui.token_label": {"vi": "Mã truy cập (token)", "en": "Access token"},
    "editor.ui.token_help": {
        "vi": "Mã do người quản trị trang cấp cho riêng bạn; xem hướng dẫn ở trang /bien-tap/.",
        "en": "A token the site's administrator made for you; see /bien-tap/.",
    },
    "editor.ui.token_button": {"vi": "Đăng nhập", "en": "Sign in"},
    "editor.refused_path": {
        "vi": "trình soạn bài chỉ ghi vào thư mục bài viết và docs/, không qua lối tắt: `{path}` bị từ chối",
        "en": "the editor writes only inside the posts folder and docs/, never through a link: "
        "`{path}` refused",
    },
    "editor.missing_file": {"vi": "không có tệp `{path}`", "en": "there is no file `{path}`"},
    "editor.no_rename": {
        "vi": "không đổi tên tệp của bài: địa chỉ của bài phải giữ nguyên → chỉ sửa nội dung",
        "en": "a post's file is never renamed: its address must stay → edit its content only",
    },
    "editor.no_delete": {
        "vi": "không xoá bài trong trình soạn bài: bài đã đăng có thể đã in trên áp phích → bật "
        "\"Bản nháp\" để ẩn bài chưa đăng, hoặc nhờ người quản trị gỡ bài (`loaxa remove`)",
        "en": "posts are not deleted in the editor: a published post may be on a poster → turn on "
        "\"Draft\" to hide an unpublished post, or ask the administrator to take it down (`loaxa remove`)",
    },
    "editor.unknown_action": {"vi": "yêu cầu `{action}` không được hỗ trợ",
                              "en": "the request `{action}` is not supported"},
    "editor.refused_request": {
        "vi": "yêu cầu không hợp lệ: chỉ trang soạn bài trên chính máy này được ghi bài",
        "en": "request refused: only the editor page on this computer may save",
    },
    "editor.write_failed": {"vi": "không ghi được tệp: {error}",
                            "en": "the file could not be written: {error}"},
    "editor.port_busy": {
        "vi": "cổng {port} đang được chương trình khác dùng (có thể `loaxa editor` đã mở rồi) → đóng "
        "cửa sổ kia, hoặc gõ `loaxa editor --port 8082`",
        "en": "port {port} is in use (maybe `loaxa editor` is already open) → close the other window, "
        "or run `loaxa editor --port 8082`",
    },
    "editor.server_error": {
        "vi": "trình soạn bài gặp lỗi ({error}) → đóng cửa sổ lệnh rồi gõ lại `loaxa editor`; nếu "
        "vẫn lỗi, báo người quản trị",
        "en": "the editor failed ({error}) → close the window and run `loaxa editor` again; if it "
        "fails again, tell the administrator",
    },
    "editor.preview_failed": {
        "vi": "không mở được trang xem trước ở cổng {port} (có thể `mkdocs serve` đã chạy ở đó) → "
        "trình soạn bài vẫn dùng được; xem trước bằng `loaxa editor --preview-port 8001`",
        "en": "the preview could not start on port {port} (maybe `mkdocs serve` runs there) → the "
        "editor still works; preview with `loaxa editor --preview-port 8001`",
    },
    "editor.ready": {"vi": "Trình soạn bài: {url}", "en": "Editor: {url}"},
    "editor.preview_ready": {"vi": "Xem trước trang web: {url}", "en": "Site preview: {url}"},
    "editor.stop": {"vi": "Soạn xong thì đóng cửa sổ này, hoặc bấm Ctrl+C.",
                    "en": "When done, close this window or press Ctrl+C."},
    "ids.assigned": {"vi": "{path}: cấp số {id}, địa chỉ ngắn /p/{id}/",
                     "en": "{path}: given id {id}, short link /p/{id}/"},
    "ids.kept": {"vi": "{path}: giữ lại số {id} bài đã có (bản lưu sau thiếu dòng `id`)",
                 "en": "{path}: keeps its id {id} (a later save lacked the `id` line)"},
    "ids.none": {"vi": "Mọi bài đều đã có số.", "en": "Every post has its id."},
    "cli.assign_help": {"vi": "cấp số id cho các bài chưa có (quy trình đăng tự chạy lệnh này)",
                        "en": "give an id to every post without one (the publish workflow runs this)"},
    "cli.editor_help": {"vi": "mở trình soạn bài trên máy này, kèm trang xem trước",
                        "en": "open the editor on this computer, with the live preview"},
    "cli.status_help": {"vi": "ghi thêm danh sách lỗi cho trình soạn bài (JSON) vào tệp này",
                        "en": "also write the problem list for the editor (JSON) to this file"},
    "cli.port_metavar": {"vi": "CỔNG", "en": "PORT"},
    "cli.editor_port_help": {"vi": "cổng của trình soạn bài (mặc định 8081)",
                             "en": "the editor's port (default 8081)"},
    "cli.preview_port_help": {"vi": "cổng của trang xem trước (mặc định 8000)",
                              "en": "the preview's port (default 8000)"},
    "cli.no_preview_help": {"vi": "không mở trang xem trước", "en": "do not start the preview"},
    "cli.no_browser_help": {"vi": "không tự mở trình duyệt", "en": "do not open the browser"},
    # The commune's information (commune.py): data files in docs/ and the duties they meet.
    "commune.unreadable": {"vi": "không đọc được tệp này (phải lưu bằng UTF-8)",
                           "en": "this file cannot be read (it must be saved as UTF-8)"},
    "commune.yaml": {
        "vi": "dòng này viết sai ({detail}) → mỗi dòng `tên: giá trị`, thụt lề bằng dấu cách",
        "en": "this line is not valid ({detail}) → one `name: value` per line, indented with spaces",
    },
    "commune.not_mapping": {"vi": "tệp phải gồm các dòng `tên: giá trị` → xem tệp mẫu trong hướng dẫn",
                            "en": "the file must hold `name: value` lines → see the sample in the guide"},
    "commune.not_section": {"vi": "`{name}` phải là một nhóm các dòng `tên: giá trị` thụt vào",
                            "en": "`{name}` must be a group of indented `name: value` lines"},
    "commune.not_list": {"vi": "`{name}` phải là danh sách, mỗi mục bắt đầu bằng `- `",
                         "en": "`{name}` must be a list, each item starting with `- `"},
    "commune.not_text": {"vi": "`{name}` phải là một dòng chữ → ghi `{name}: …` trên một dòng",
                         "en": "`{name}` must be one line of text → write `{name}: …` on one line"},
    "documents.missing_option": {"vi": "thiếu {option} → thêm {option} vào lệnh",
                                 "en": "{option} is missing → add {option} to the command"},
    "documents.not_text": {"vi": "`{name}` phải là một dòng chữ → ghi `{name}: …` trên một dòng",
                           "en": "`{name}` must be one line of text → write `{name}: …` on one line"},
    "commune.required": {"vi": "thiếu `{name}` → ghi `{name}: …` cho mục này",
                         "en": "`{name}` is missing → write `{name}: …` for this item"},
    "commune.bad_phone": {
        "vi": "số điện thoại `{value}` không đúng → ghi 10–11 chữ số, bắt đầu bằng 0 hoặc +84, ví dụ "
        "`0213 3876 543`",
        "en": "the phone number `{value}` is not valid → write 10–11 digits starting with 0 or +84, e.g. "
        "`0213 3876 543`",
    },
    "commune.bad_email": {"vi": "địa chỉ thư `{value}` không đúng → ví dụ `vanphong@xa.gov.vn`",
                          "en": "the email address `{value}` is not valid → e.g. `office@xa.gov.vn`"},
    "commune.bad_date": {"vi": "ngày `{value}` không đọc được → ví dụ `2026-11-20`",
                         "en": "the date `{value}` cannot be read → e.g. `2026-11-20`"},
    "commune.bad_portal": {
        "vi": "địa chỉ `{value}` không phải trang của Cổng dịch vụ công (https://….gov.vn) → mở thủ tục "
        "trên dichvucong.gov.vn và chép địa chỉ trang đó",
        "en": "`{value}` is not a page of the public-service portal (https://….gov.vn) → open the "
        "procedure on dichvucong.gov.vn and copy its address",
    },
    "commune.no_organisation_file": {
        "vi": "trang thông tin của xã phải có cơ cấu tổ chức và thông tin liên hệ → tạo tệp `{path}` "
        "theo mẫu ở trang /bien-tap/to-chuc/",
        "en": "a commune's information page must show its organisation and contacts → create "
        "`{path}` from the sample in /bien-tap/to-chuc/",
    },
    "commune.no_section": {
        "vi": "thiếu phần `{name}` → thêm phần này theo mẫu ở trang /bien-tap/to-chuc/",
        "en": "the `{name}` section is missing → add it from the sample in /bien-tap/to-chuc/",
    },
    "commune.no_phone": {
        "vi": "không có số điện thoại liên hệ nào → ghi `phone:` hoặc `hotline:` cho UBND xã hoặc Trung "
        "tâm Phục vụ hành chính công",
        "en": "no contact phone number → write `phone:` or `hotline:` for the People's Committee or the "
        "service centre",
    },
    "commune.never_reviewed": {
        "vi": "chưa ghi ngày rà soát thông tin liên hệ → rà soát rồi ghi `reviewed: <ngày hôm nay>` "
        "(phải rà soát ít nhất {days} ngày một lần)",
        "en": "the contacts have no review date → review them and write `reviewed: <today>` (at least "
        "every {days} days)",
    },
    "commune.stale": {
        "vi": "thông tin liên hệ rà soát lần cuối ngày {date}, quá {days} ngày → kiểm tra lại số điện "
        "thoại, người phụ trách, giờ làm việc rồi sửa `reviewed:` thành ngày hôm nay",
        "en": "the contacts were last reviewed on {date}, over {days} days ago → check the phones, "
        "roles and hours, then set `reviewed:` to today",
    },
    "commune.no_procedures": {
        "vi": "trang thông tin của xã phải có các thủ tục hành chính thường gặp → tạo tệp `{path}` theo "
        "mẫu ở trang /bien-tap/to-chuc/",
        "en": "a commune's information page must list its common procedures → create `{path}` from the "
        "sample in /bien-tap/to-chuc/",
    },
    "commune.phone": {"vi": "Điện thoại", "en": "Phone"},
    "commune.hotline": {"vi": "Đường dây nóng", "en": "Hotline"},
    "commune.email": {"vi": "Thư điện tử", "en": "Email"},
    "commune.address": {"vi": "Địa chỉ", "en": "Address"},
    "commune.hours": {"vi": "Giờ làm việc", "en": "Opening hours"},
    "commune.functions": {"vi": "Chức năng, nhiệm vụ", "en": "Functions"},
    "commune.offices": {"vi": "Các cơ quan chuyên môn", "en": "Offices"},
    "commune.leaders": {"vi": "Lãnh đạo", "en": "Leaders"},
    "commune.reviewed": {"vi": "Thông tin rà soát ngày {date}.", "en": "Information reviewed on {date}."},
    "commune.portal_note": {
        "vi": "Mỗi thủ tục mở trang của thủ tục đó trên Cổng dịch vụ công quốc gia: thành phần hồ sơ, "
        "thời hạn, lệ phí và nộp hồ sơ trực tuyến.",
        "en": "Each procedure opens its page on the National Public Service Portal.",
    },
    # Official documents (documents.py).
    "documents.not_block": {
        "vi": "`document:` phải là một nhóm dòng thụt vào: `number`, `type`, `issuer`, `signed`, `file` → "
        "xem mẫu ở trang /bien-tap/to-chuc/",
        "en": "`document:` must be a group of indented lines: `number`, `type`, `issuer`, `signed`, `file` "
        "→ see the sample in /bien-tap/to-chuc/",
    },
    "documents.unknown": {"vi": "`{name}` không phải trường của văn bản → dùng {fields}",
                         "en": "`{name}` is not a field of a document → use {fields}"},
    "documents.missing": {"vi": "văn bản thiếu `{name}` → thêm dòng `{name}: …` trong `document:`",
                         "en": "the document lacks `{name}` → add `{name}: …` under `document:`"},
    "documents.bad_number": {
        "vi": "số, ký hiệu `{value}` không đúng dạng → ghi như trên văn bản, ví dụ `611/KH-UBND`, "
        "`37/QĐ-UBND`, `04-KH/ĐU`",
        "en": "the number `{value}` is not in the usual form → write it as printed, e.g. `611/KH-UBND`",
    },
    "documents.bad_type": {"vi": "loại văn bản `{value}` không có trong danh sách → ghi {allowed}",
                          "en": "the document type `{value}` is not in the list → write {allowed}"},
    "documents.bad_date": {"vi": "ngày `{value}` không đọc được → ví dụ `2025-08-08`",
                          "en": "the date `{value}` cannot be read → e.g. `2025-08-08`"},
    "documents.effective_before_signed": {
        "vi": "ngày hiệu lực trước ngày ký {date} → kiểm tra lại ngày trên văn bản",
        "en": "the date it takes effect is before it was signed ({date}) → check the document's dates",
    },
    "documents.expires_before": {
        "vi": "ngày hết hiệu lực không sau ngày có hiệu lực {date} → kiểm tra lại ngày trên văn bản",
        "en": "the expiry is not after the date it takes effect ({date}) → check the document's dates",
    },
    "documents.file_missing": {
        "vi": "không tìm thấy tệp `{value}` cạnh bài viết → đặt tệp PDF của văn bản cạnh bài và ghi "
        "tên tệp, ví dụ `file: ke-hoach-611.pdf`",
        "en": "`{value}` is not beside the post → put the document's PDF beside the post and write its "
        "name, e.g. `file: plan-611.pdf`",
    },
    "documents.not_pdf": {
        "vi": "tệp `{value}` không phải PDF → quét hoặc lưu văn bản thành PDF, đặt cạnh bài viết",
        "en": "`{value}` is not a PDF → scan or save the document as PDF, beside the post",
    },
    "documents.no_block": {
        "vi": "bài trong chuyên mục Văn bản phải có phần `document:` (số, loại, cơ quan ban hành, ngày "
        "ký, tệp PDF) → xem mẫu ở trang /bien-tap/to-chuc/",
        "en": "a post in the Documents category needs a `document:` block → see /bien-tap/to-chuc/",
    },
    "commune.no_documents": {
        "vi": "trang thông tin của xã phải đăng văn bản của xã → đăng ít nhất một bài trong chuyên mục "
        "`Văn bản` (thêm `Văn bản` vào `categories_allowed` nếu chưa có)",
        "en": "a commune's information page must publish its documents → publish at least one post in "
        "the `Văn bản` category",
    },
    "documents.download": {"vi": "Tải văn bản (PDF, {size})", "en": "Download (PDF, {size})"},
    "documents.registry_title": {"vi": "Văn bản", "en": "Documents"},
    "documents.registry_year": {"vi": "Văn bản năm {year}", "en": "Documents of {year}"},
    "documents.registry_type": {"vi": "Văn bản: {type}", "en": "Documents: {type}"},
    "documents.all": {"vi": "Tất cả", "en": "All"},
    "documents.filter": {"vi": "Lọc theo số, tên, cơ quan:", "en": "Filter by number, title, issuer:"},
    "documents.label.number": {"vi": "Số, ký hiệu", "en": "Number"},
    "documents.label.title": {"vi": "Trích yếu", "en": "Title"},
    "documents.label.type": {"vi": "Loại văn bản", "en": "Type"},
    "documents.label.issuer": {"vi": "Cơ quan ban hành", "en": "Issued by"},
    "documents.label.signer": {"vi": "Người ký", "en": "Signed by"},
    "documents.label.signed": {"vi": "Ngày ký", "en": "Signed"},
    "documents.label.effective": {"vi": "Ngày có hiệu lực", "en": "In force from"},
    "documents.label.expires": {"vi": "Ngày hết hiệu lực", "en": "In force until"},
    "documents.label.file": {"vi": "Tệp", "en": "File"},
    # Posters: the commune's identity (identity.py) and what a poster cannot print as written.
    "poster.header_committee": {"vi": "ỦY BAN NHÂN DÂN {commune}", "en": "PEOPLE'S COMMITTEE OF {commune}"},
    "poster.header_province": {"vi": "TỈNH {province}", "en": "{province} PROVINCE"},
    "poster.header_city": {"vi": "THÀNH PHỐ {city}", "en": "{city} CITY"},
    "posters.header_lines": {
        "vi": "`poster_header:` phải là 1 đến 3 dòng chữ, không dòng nào trống; áp phích đang dùng dòng "
        "đầu mặc định → viết mỗi dòng một mục, ví dụ `poster_header: [\"ỦY BAN NHÂN DÂN XÃ MƯỜNG KIM\", "
        "\"TỈNH LAI CHÂU\"]`, hoặc xoá dòng này để dùng tên xã và `province:`",
        "en": "`poster_header:` must be 1 to 3 lines of text, none empty; posters use the default "
        "header → write one item per line, e.g. `poster_header: [\"PEOPLE'S COMMITTEE OF MUONG KIM "
        "COMMUNE\", \"LAI CHAU PROVINCE\"]`, or remove it to use the commune's name and `province:`",
    },
    "posters.emblem_missing": {
        "vi": "không có tệp ảnh `{path}` trong thư mục {docs}/, nên áp phích in không có biểu trưng → chép "
        "ảnh biểu trưng (PNG hoặc JPG) vào thư mục {docs}/, rồi ghi tên tệp tính từ {docs}/ ở mục "
        "`loaxa:` của mkdocs.yml, ví dụ `poster_emblem: anh/bieu-trung.png`; hoặc xoá dòng `poster_emblem:`",
        "en": "there is no picture `{path}` in the {docs}/ folder, so posters are printed without the "
        "emblem → copy the emblem (PNG or JPEG) into {docs}/ and write its name, from {docs}/, under "
        "`loaxa:` in mkdocs.yml, e.g. `poster_emblem: images/emblem.png`; or remove `poster_emblem:`",
    },
    "posters.emblem_unreadable": {
        "vi": "tệp `{path}` không phải ảnh PNG hay JPG đọc được (hỏng, quá lớn hoặc định dạng khác), nên "
        "áp phích in không có biểu trưng → mở ảnh trên máy, lưu lại dạng PNG, rồi ghi tên tệp mới vào "
        "`poster_emblem:` trong mkdocs.yml; hoặc xoá dòng `poster_emblem:`",
        "en": "`{path}` is not a readable PNG or JPEG picture (damaged, too large or another format), so "
        "posters are printed without the emblem → open it, save it again as PNG, and write the new "
        "file's name in `poster_emblem:` in mkdocs.yml; or remove `poster_emblem:`",
    },
    "post.title_undrawable": {
        "vi": "tiêu đề không có chữ nào in được trên áp phích ({chars}: phông chữ không có), áp phích sẽ "
        "không có tiêu đề → thêm dòng `poster_title:` viết bằng chữ, ví dụ "
        "`poster_title: Lịch tiêm chủng tháng 10`",
        "en": "the title has no character a poster can print ({chars}: its fonts lack them), so the "
        "poster would have no title → add a `poster_title:` line in words, e.g. "
        "`poster_title: Vaccination days in October`",
    },
    "post.poster_title_undrawable": {
        "vi": "`poster_title` không có chữ nào in được trên áp phích ({chars}: phông chữ không có) → viết "
        "`poster_title:` bằng chữ, ví dụ `poster_title: Lịch tiêm chủng tháng 10`",
        "en": "`poster_title` has no character a poster can print ({chars}: its fonts lack them) → write "
        "`poster_title:` in words, e.g. `poster_title: Vaccination days in October`",
    },
    "post.poster_title_too_long": {
        "vi": "tiêu đề cho áp phích dài {length} ký tự, quá {limit} ký tự → viết ngắn hơn, ví dụ "
        "`poster_title: Lịch tiếp dân tháng 10`",
        "en": "the poster title is {length} characters long, over {limit} → make it shorter, e.g. "
        "`poster_title: Office hours in October`",
    },
    "post.poster_chars": {
        "vi": "áp phích không in được {chars}: phông chữ không có các ký tự này (biểu tượng cảm xúc, chữ "
        "viết khác), nên áp phích bỏ chúng đi → viết bằng chữ thay cho chúng, hoặc xoá chúng",
        "en": "the poster cannot print {chars}: its fonts lack these characters (emoji, another "
        "script), so the poster leaves them out → write them as words, or remove them",
    },
    "post.poster_chars_body": {
        "vi": "áp phích không in được {chars} trong đoạn đầu bài (phần tóm tắt in trên áp phích): phông "
        "chữ không có các ký tự này, nên áp phích bỏ chúng đi → thêm dòng `description:` viết bằng chữ, "
        "áp phích sẽ in nó thay cho đoạn đầu bài",
        "en": "the poster cannot print {chars} in the body's first paragraph (the summary a poster "
        "prints): its fonts lack these characters, so the poster leaves them out → add a "
        "`description:` line in words, which the poster prints instead",
    },
    "post.poster_chars_title": {
        "vi": "áp phích không in được {chars}: phông chữ không có các ký tự này (biểu tượng cảm xúc, chữ "
        "viết khác), nên áp phích bỏ chúng đi → viết bằng chữ thay cho chúng, hoặc xoá chúng; muốn giữ "
        "chúng trên trang web thì thêm cho áp phích dòng `poster_title: {example}`",
        "en": "the poster cannot print {chars}: its fonts lack these characters (emoji, another "
        "script), so the poster leaves them out → write them as words, or remove them; to keep them "
        "on the web page, add for the poster the line `poster_title: {example}`",
    },
    "post.title_long_for_poster": {
        "vi": "tiêu đề dài quá khổ giấy {size}: áp phích phải in nó nhỏ hơn cỡ chữ {floor}, khó đọc từ xa, "
        "và bỏ phần tóm tắt, ảnh bìa → thêm dòng `poster_title:` với một tiêu đề ngắn cho áp phích, "
        "không quá {limit} ký tự",
        "en": "the title is too long for {size} paper: the poster must print it smaller than {floor} "
        "points, hard to read from afar, without summary or cover → add a `poster_title:` line with "
        "a short title for the poster, at most {limit} characters",
    },
    "post.poster_title_long": {
        "vi": "`poster_title` dài quá khổ giấy {size}: áp phích phải in nó nhỏ hơn cỡ chữ {floor}, khó đọc "
        "từ xa → rút `poster_title:` còn không quá {limit} ký tự",
        "en": "`poster_title` is too long for {size} paper: the poster must print it smaller than "
        "{floor} points, hard to read from afar → shorten it to at most {limit} characters",
    },
    "example.poster_title": {"vi": "poster_title: Lịch tiếp dân tháng 10",
                             "en": "poster_title: Office hours in October"},
    "editor.field.poster_title": {"vi": "Tiêu đề trên áp phích", "en": "Title on the poster"},
    "editor.hint.poster_title": {
        "vi": "Không bắt buộc: một tiêu đề ngắn hơn cho áp phích QR, khi tiêu đề dài quá khổ giấy.",
        "en": "Optional: a shorter title for the QR poster, when the title is too long for the page.",
    },
    # Examples shown in hints.
    "example.title": {"vi": "title: Hướng dẫn cài đặt VNeID", "en": "title: Installing VNeID"},
    "example.date": {"vi": "date: 2025-10-05", "en": "date: 2025-10-05"},
    "example.categories": {"vi": "categories: [Tin tức]", "en": "categories: [News]"},
    "example.tags": {"vi": "tags: [VNeID, dịch vụ công]", "en": "tags: [VNeID, e-services]"},
    "example.description": {
        "vi": "description: Một hai câu tóm tắt bài viết.",
        "en": "description: One or two sentences that sum up the post.",
    },
    "slug.fallback": {"vi": "bai-viet", "en": "post"},
    # The permanent short-link page.
    # The record of published addresses.
    "record.damaged": {
        "vi": "dòng này không do loaxa ghi; tệp ghi địa chỉ đã đăng không được sửa tay → lấy lại tệp "
        "từ git: `git checkout -- {path}`",
        "en": "this line was not written by loaxa; the record of published addresses is never "
        "edited by hand → restore it from git: `git checkout -- {path}`",
    },
    "record.unwritable": {
        "vi": "không ghi được {path} ({error}): các địa chỉ vừa đăng chưa được ghi lại → kiểm tra "
        "quyền ghi của thư mục bài viết rồi dựng lại",
        "en": "cannot write {path} ({error}): the addresses just published are not recorded → "
        "check that the posts folder is writable and build again",
    },
    "record.post_gone": {
        "vi": "bài id {id} đã đăng tại `{address}` nhưng không còn trong thư mục bài viết; người "
        "đọc mở địa chỉ đó sẽ không thấy gì → nếu xoá nhầm, lấy lại tệp từ git; nếu muốn gỡ bài, "
        "chạy `loaxa remove {id}`",
        "en": "post {id} was published at `{address}` but is no longer in the posts folder; readers "
        "opening that address would find nothing → if it was deleted by mistake, restore it from "
        "git; to take the post down on purpose, run `loaxa remove {id}`",
    },
    "record.unpublished": {
        "vi": "bài id {id} đã đăng tại `{address}`; để nháp hay hẹn giờ lại thì địa chỉ đó mất → "
        "bỏ `draft: true` hay ngày tương lai; nếu muốn gỡ bài, chạy `loaxa remove {id}`",
        "en": "post {id} was published at `{address}`; making it a draft or scheduling it again "
        "would lose that address → remove `draft: true` or the future date; to take the post down "
        "on purpose, run `loaxa remove {id}`",
    },
    "post.id_removed": {
        "vi": "id {id} là của một bài đã gỡ; địa chỉ của nó hiện trang \"bài đã gỡ\" → bài mới "
        "dùng số chưa dùng `id: {next_id}`",
        "en": "id {id} belongs to a post taken down; its addresses show the \"removed\" page → give "
        "the new post the unused `id: {next_id}`",
    },
    "record.address_taken": {
        "vi": "địa chỉ `{address}` từng là của bài id {id} nhưng nay là một trang của trang web; "
        "người đọc mở địa chỉ cũ sẽ thấy trang đó → đổi tên trang trong docs/",
        "en": "`{address}` was the address of post {id} but is now one of the site's pages; readers "
        "opening the old address see that page → rename the page in docs/",
    },
    "cli.remove_help": {"vi": "gỡ hẳn một bài đã đăng (địa chỉ cũ hiện trang \"bài đã gỡ\")",
                        "en": "take a published post down (its addresses show a \"removed\" page)"},
    "cli.remove_id_help": {"vi": "số id của bài, ví dụ 15", "en": "the post's id, e.g. 15"},
    "remove.unknown": {
        "vi": "Không có bài nào có id {id}, cũng chưa từng đăng → kiểm tra lại số id (xem `loaxa check`)",
        "en": "No post has id {id}, and none was ever published with it → check the id (see `loaxa check`)",
    },
    "remove.bad_id": {
        "vi": "`{value}` không phải số id → ghi số id của bài, ví dụ `loaxa remove 15`",
        "en": "`{value}` is not an id → give the post's id, e.g. `loaxa remove 15`",
    },
    "remove.several": {
        "vi": "Có nhiều tệp cùng id {id}: {files} → sửa id trùng trước (xem `loaxa check`), rồi gỡ lại",
        "en": "Several files have id {id}: {files} → fix the duplicate id first (see `loaxa check`), "
        "then remove again",
    },
    "remove.deleted": {"vi": "Đã xoá tệp: {path}", "en": "Deleted: {path}"},
    "remove.recorded": {
        "vi": "Đã gỡ bài id {id}. Các địa chỉ cũ ({addresses}) và link ngắn sẽ hiện trang \"Bài viết đã "
        "được gỡ\". Đẩy thay đổi lên (git push) để cập nhật trang.",
        "en": "Post {id} is taken down. Its addresses ({addresses}) and short link will show the "
        "\"removed\" page. Push the change (git push) to update the site.",
    },
    "remove.never_published": {
        "vi": "Bài id {id} chưa từng đăng: chỉ xoá tệp, không cần trang \"bài đã gỡ\".",
        "en": "Post {id} was never published: only its file is deleted.",
    },
    "removed.title": {"vi": "Bài viết đã được gỡ", "en": "This article was taken down"},
    "removed.body": {
        "vi": "Bài viết ở địa chỉ này đã được gỡ khỏi trang thông tin của xã.",
        "en": "The article at this address has been removed from the commune's site.",
    },
    "removed.home": {"vi": "Về trang chủ", "en": "Go to the home page"},
    "shortlink.open": {"vi": "Mở bài viết", "en": "Open the article"},
    # Posters.
    "poster.site_label": {"vi": "Trang thông tin điện tử", "en": "Electronic information page"},
    "poster.cta": {"vi": "Quét mã QR để xem chi tiết", "en": "Scan the QR code for details"},
    "poster.cta_video": {"vi": "Quét mã QR để xem video", "en": "Scan the QR code to watch the video"},
    "poster.link_label": {"vi": "Hoặc gõ địa chỉ:", "en": "Or type the address:"},
    "poster.date": {"vi": "Ngày đăng: {date}", "en": "Published: {date}"},
    "poster.link": {"vi": "In áp phích", "en": "Print poster"},
    "page.post_sidebar": {"vi": "Thông tin bài viết", "en": "About this article"},
    "image.broken": {
        "vi": "{path}: tệp ảnh hỏng hoặc không phải ảnh → mở ảnh trên máy, lưu lại dạng JPG hoặc "
        "PNG rồi chép đè lên tệp này",
        "en": "{path}: the picture is damaged or not a picture → open it, save it again as JPG or "
        "PNG and copy it over this file",
    },
    "video.watch": {"vi": "Xem video: {title}", "en": "Watch the video: {title}"},
    "search.label": {"vi": "Tìm kiếm", "en": "Search"},
    "search.needs_js": {
        "vi": "Cần bật JavaScript để tìm kiếm. Có thể xem các bài theo chuyên mục hoặc lưu trữ.",
        "en": "Search needs JavaScript. Browse the articles by category or archive instead.",
    },
    "search.failed": {
        "vi": "Không lập được chỉ mục tìm kiếm: {problem} → cài lại bằng lệnh cài đặt trong "
        "README.md",
        "en": "Could not build the search index: {problem} → reinstall with the command in "
        "README.md",
    },
    "share.button": {"vi": "Chia sẻ", "en": "Share"},
    "share.facebook": {"vi": "Chia sẻ lên Facebook", "en": "Share on Facebook"},
    "share.copy": {"vi": "Sao chép liên kết", "en": "Copy link"},
    "share.copied": {"vi": "Đã sao chép", "en": "Copied"},
    "posters.title": {"vi": "Áp phích QR", "en": "QR posters"},
    "posters.intro": {
        "vi": "Mỗi bài viết có một áp phích khổ {size} với mã QR dẫn đến bài. In và dán ở nhà văn "
        "hoá thôn, bản, Trung tâm Phục vụ hành chính công hoặc trường học.",
        "en": "Every article has a {size} poster whose QR code leads to it. Print it for village "
        "notice boards, the public service centre or schools.",
    },
    "posters.month": {"vi": "Tháng {month}", "en": "{month}"},
    "posters.batch": {"vi": "In cả tháng ({count} trang)", "en": "Print the whole month ({count} pages)"},
    "posters.log": {
        "vi": "Áp phích: {posters} bài, vẽ mới {drawn}; {batches} tập theo tháng, vẽ mới "
        "{drawn_batches}",
        "en": "Posters: {posters} articles, {drawn} drawn anew; {batches} monthly batches, "
        "{drawn_batches} drawn anew",
    },
    "cli.posters_written": {
        "vi": "Đã ghi {path}: {count} áp phích",
        "en": "Wrote {path}: {count} posters",
    },
    "cli.posters_none": {
        "vi": "Không có bài đã đăng nào khớp lựa chọn → kiểm tra tháng (dạng 2025-10), chuyên mục "
        "hoặc số id",
        "en": "No published post matches → check the month (as 2025-10), the category or the ids",
    },
    "cli.bad_month": {
        "vi": "Tháng `{value}` không đúng dạng → viết năm-tháng, ví dụ `--month 2025-10`",
        "en": "Month `{value}` is not valid → write year-month, e.g. `--month 2025-10`",
    },
    "cli.bad_ids": {
        "vi": "Danh sách id `{value}` không đúng → viết các số cách nhau bằng dấu phẩy, ví dụ "
        "`--ids 3,5,12`",
        "en": "Id list `{value}` is not valid → write numbers separated by commas, e.g. "
        "`--ids 3,5,12`",
    },
    "posters.no_site_url": {
        "vi": "Chưa có `site_url` trong mkdocs.yml, nên không in được địa chỉ trên áp phích → thêm "
        "dòng `site_url: https://<tên miền của xã>/`",
        "en": "mkdocs.yml has no `site_url`, so posters cannot print an address → add the line "
        "`site_url: https://<the commune's domain>/`",
    },
    "posters.unreadable": {
        "vi": "Mã QR của {url} quá dày để in rõ trên khổ {size} → dùng tên miền ngắn hơn trong "
        "`site_url`, hoặc khổ A4",
        "en": "The QR code of {url} is too dense to print clearly on {size} → use a shorter "
        "`site_url` domain, or A4",
    },
    # `loaxa new`.
    "new.tags_hint": {"vi": "không bắt buộc, ví dụ [VNeID, dịch vụ công]",
                      "en": "optional, e.g. [VNeID, e-services]"},
    "new.description_hint": {
        "vi": "không bắt buộc: một hai câu tóm tắt, hiện trên áp phích và khi chia sẻ",
        "en": "optional: one or two sentences, shown on the poster and when shared",
    },
    "new.video_hint": {
        "vi": "dán địa chỉ video, ví dụ https://www.youtube.com/watch?v=…",
        "en": "paste the video address, e.g. https://www.youtube.com/watch?v=…",
    },
    "new.video_example": {"vi": "https://www.youtube.com/watch?v=…",
                              "en": "https://www.youtube.com/watch?v=…"},
    "new.body.news": {
        "vi": "Viết đoạn mở đầu ở đây: việc gì, ở đâu, khi nào. Đoạn này hiện ở trang chủ.\n\n"
        "Viết tiếp nội dung chi tiết ở đây.\n",
        "en": "Write the opening paragraph here: what, where, when. It shows on the home page.\n\n"
        "Write the details here.\n",
    },
    "new.body.guide": {
        "vi": "Viết một hai câu: hướng dẫn này giúp bà con làm được việc gì.\n\n"
        "## Cần chuẩn bị\n\n- Điện thoại thông minh có kết nối Internet;\n- …\n\n"
        "## Các bước thực hiện\n\n1. Bước thứ nhất.\n2. Bước thứ hai.\n3. Bước thứ ba.\n\n"
        "Nếu gặp khó khăn, bà con hỏi tổ công nghệ số của thôn, bản.\n",
        "en": "Write one or two sentences: what this guide helps people do.\n\n"
        "## What you need\n\n- A smartphone with Internet access;\n- …\n\n"
        "## Steps\n\n1. First step.\n2. Second step.\n3. Third step.\n",
    },
    "new.body.video": {
        "vi": "Viết một hai câu giới thiệu video: quay ở đâu, nói về việc gì.\n\n"
        "[Xem video]({video})\n",
        "en": "Write one or two sentences about the video: where, what about.\n\n"
        "[Watch the video]({video})\n",
    },
    "new.body.notice": {
        "vi": "Ủy ban nhân dân xã thông báo: viết nội dung thông báo ở đây (việc gì, thời gian, "
        "địa điểm, ai cần làm gì).\n",
        "en": "Write the notice here (what, when, where, who must do what).\n",
    },
    "new.body.document": {
        "vi": "Trích yếu: viết một hai câu nói văn bản về việc gì, áp dụng cho ai.\n",
        "en": "Summary: write one or two sentences on what the document is about and whom it concerns.\n",
    },
    "new.written": {"vi": "Đã tạo bài viết: {path}", "en": "Created the post: {path}"},
    "new.image_copied": {"vi": "Đã chép ảnh bìa: {path}", "en": "Copied the cover: {path}"},
    "new.next_steps": {
        "vi": "Mở tệp để viết nội dung, rồi chạy `loaxa check` để kiểm tra.",
        "en": "Open the file to write the article, then run `loaxa check`.",
    },
    "new.exists": {
        "vi": "Đã có tệp {path}; không ghi đè → đổi tiêu đề, hoặc mở tệp đó để sửa",
        "en": "{path} already exists and is never overwritten → change the title, or edit that file",
    },
    "new.no_title": {"vi": "Chưa có tiêu đề → ghi tiêu đề trong dấu nháy, ví dụ "
                     "`loaxa new \"Hướng dẫn cài VNeID\"`",
                     "en": "No title → put it in quotes, e.g. `loaxa new \"Installing VNeID\"`"},
    "new.bad_category": {
        "vi": "Không có chuyên mục `{value}` → chọn một trong: {allowed}",
        "en": "There is no category `{value}` → choose one of: {allowed}",
    },
    "new.bad_video": {
        "vi": "`{value}` không phải địa chỉ video → dán địa chỉ đầy đủ bắt đầu bằng https://",
        "en": "`{value}` is not a video address → paste the full address starting with https://",
    },
    "new.no_image": {
        "vi": "Không tìm thấy ảnh {value} → kiểm tra lại đường dẫn tới tệp ảnh",
        "en": "Image {value} not found → check the path to the picture",
    },
    "new.bad_image": {
        "vi": "{value} không phải ảnh (JPG, PNG, WebP, HEIC, GIF, TIFF) → chọn một tệp ảnh",
        "en": "{value} is not a picture (JPG, PNG, WebP, HEIC, GIF, TIFF) → choose a picture file",
    },
    "new.bad_date": {
        "vi": "Không đọc được ngày `{value}` → viết dạng `2025-10-05 08:00` hoặc `05/10/2025`",
        "en": "Cannot read the date `{value}` → write `2025-10-05 08:00` or `05/10/2025`",
    },
    "new.ask_title": {"vi": "Tiêu đề bài viết: ", "en": "Title of the post: "},
    "new.ask_category": {"vi": "Chuyên mục (gõ số): ", "en": "Category (type its number): "},
    "new.ask_video": {"vi": "Địa chỉ video (bỏ trống nếu không có): ",
                      "en": "Video address (leave empty if none): "},
    "new.ask_image": {"vi": "Đường dẫn ảnh bìa (bỏ trống nếu không có): ",
                      "en": "Path of the cover picture (leave empty if none): "},
    # Command line.
    "cli.ok": {
        "vi": "Đã kiểm tra {count} bài viết: không có lỗi.",
        "en": "Checked {count} posts: no problems.",
    },
    "cli.no_config": {
        "vi": "Không tìm thấy {path} → chạy lệnh trong thư mục của trang web (nơi có mkdocs.yml)",
        "en": "{path} not found → run the command in the site's folder (where mkdocs.yml is)",
    },
    "cli.bad_config": {
        "vi": "Không đọc được {path}: {problem}",
        "en": "Cannot read {path}: {problem}",
    },
    # Errors in mkdocs.yml.
    "config.no_blog": {
        "vi": "loaxa cần plugin blog của Material → thêm `- blog` vào mục `plugins:` trong mkdocs.yml, "
        "trước `- loaxa`",
        "en": "loaxa needs Material's blog plugin → add `- blog` under `plugins:` in mkdocs.yml, "
        "before `- loaxa`",
    },
    "config.no_posts_dir": {
        "vi": "Không tìm thấy thư mục bài viết {path} → tạo thư mục này, hoặc sửa `posts_dir` của "
        "plugin loaxa trong mkdocs.yml",
        "en": "The posts folder {path} does not exist → create it, or set `posts_dir` of the loaxa "
        "plugin in mkdocs.yml",
    },
    "config.not_mapping": {
        "vi": "mkdocs.yml phải là danh sách các mục `tên: giá trị` → ví dụ `site_name: Xã Mường Kim`",
        "en": "mkdocs.yml must be a list of `name: value` settings → e.g. `site_name: My commune`",
    },
    # The build itself.
    "cache.repaired": {
        "vi": "Tệp trong bộ nhớ đệm bị hỏng hoặc thiếu, đã làm lại: {path}",
        "en": "A cached file was damaged or missing and has been made again: {path}",
    },
    "build.locked": {
        "vi": "Đang có một lần dựng trang khác ghi vào {site} → chờ lần đó xong rồi chạy lại",
        "en": "Another build is writing {site} right now → wait until it has finished, then run again",
    },
    "build.kept": {
        "vi": "Dựng trang không thành công; trang cũ trong {site} được giữ nguyên",
        "en": "The build failed; the previous site in {site} is kept as it was",
    },
    "build.patch_missing": {
        "vi": "Material for MkDocs đã thay đổi: bản sửa `{patch}` của loaxa không tìm thấy chỗ cần "
        "sửa → cập nhật loaxa, hoặc cài lại phiên bản Material ghi trong pyproject.toml",
        "en": "Material for MkDocs has changed: loaxa's patch `{patch}` found nothing to change → "
        "update loaxa, or reinstall the Material version pyproject.toml names",
    },
}


def language_of(theme_language: str | None) -> str:
    """Map a theme language code to one of ours: English when asked, else Vietnamese."""
    if theme_language and theme_language.lower().replace("_", "-").split("-")[0] == "en":
        return "en"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **values: object) -> str:
    """Return the string `key` in `lang`, filled with `values`, NFC-normalised."""
    table = _STRINGS[key]
    text = table.get(lang) or table[DEFAULT_LANGUAGE]
    return unicodedata.normalize("NFC", text.format(**values))
