"""The domain's rules as pure functions: no Flask, no database, `today` always a parameter.

Modules: `money` (exact amounts and largest-remainder splits), `funding` (shares, caps, gap),
`fees` (the 5-10 % admin-fee bound), `payments` (FIPD, département, tranches), `deadlines`
(obligations and legal delays), `termination` (pro-rata refunds), `terms` (the plain data they
work on) and `schedule` (all of them applied to one convention).
"""
