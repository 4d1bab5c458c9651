// Log values that would make an element or run script if a report put them into its page as markup
// (issue 19): shared by the report's unit tests and the browser test of real runs.

/** Each one, put into the page as markup, would make an element or run script. */
export const HTML_HOSTILE = {
  agent: `</script><script>window.__pwned="agent"</script><!--`,
  user: `<img src=x onerror="window.__pwned='user'">`,
  group: `sg-1"></script><script>window.__pwned="group"</script><svg onload="window.__pwned='svg'">`,
  arn: `arn:aws:iam::111122223333:user/&lt;b&gt;eve\u2028</title><style>*{display:none}</style>`,
  error: `Client.<b>Denied</b>`,
};
