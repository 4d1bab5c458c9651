-- trailhive query access-denied-by-principal
-- principal is the ARN, or the principal id or identity type when the call had no ARN
SELECT
  principal,
  count(*) AS denied_calls,
  min(event_time) AS first_seen,
  max(event_time) AS last_seen,
  concat_ws(',', sort_array(collect_set(event_name))) AS event_names
FROM (
  SELECT
    coalesce(useridentity.arn, useridentity.principalid, useridentity.type) AS principal,
    eventtime AS event_time,
    eventname AS event_name
  FROM cloudtrail
  WHERE errorcode IN ('AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation')
) denied
GROUP BY principal
ORDER BY denied_calls DESC, principal;
