-- GET /r/{slug}?qr as a phone sends it after scanning the printed code (the URL given to wrk carries the ?qr mark).
wrk.headers["User-Agent"] = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
