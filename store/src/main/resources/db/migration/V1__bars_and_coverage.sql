-- One row per bar. The primary key serves both the idempotent upsert and the chart read
-- (symbol, timeframe, ts range).
CREATE TABLE ohlc_bars (
    symbol      text             NOT NULL,
    timeframe   text             NOT NULL,
    ts          timestamptz      NOT NULL,
    open        double precision NOT NULL,
    high        double precision NOT NULL,
    low         double precision NOT NULL,
    close       double precision NOT NULL,
    volume      bigint           NOT NULL,
    provider    text             NOT NULL,
    ingested_at timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, timeframe, ts),
    CHECK (high >= low AND open > 0 AND close > 0 AND volume >= 0)
);

-- One row per stored trading day, written in the same transaction as that day's bars.
-- The primary key serves the coverage check (symbol, timeframe, day range).
CREATE TABLE bar_coverage (
    symbol        text        NOT NULL,
    timeframe     text        NOT NULL,
    day           date        NOT NULL,
    bar_count     integer     NOT NULL,
    expected_bars integer     NOT NULL,
    complete      boolean     NOT NULL,
    provider      text        NOT NULL,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (symbol, timeframe, day)
);
