"""The web page and JSON API over a store: `newsloom serve --db news.db`.

    app.py      create_app(db): FastAPI app, security headers, upload cap, static files
    pages.py    HTML pages: story list, search, story, article, ingest form
    api.py      JSON API mirroring the pages (OpenAPI at /api/openapi.json)
    stories.py  story rows and briefs, built once per set of members and kept in the store
    views.py    brief -> what the story page draws (claims x outlets, map, timeline)
    article.py  analysis -> annotated text pieces for the article page
    jobs.py     the ingest form's background work, with progress
    assets.py   the map and timeline libraries from npm (`python -m newsloom.web.assets`)
    server.py   uvicorn, and the warnings printed when serving
"""
