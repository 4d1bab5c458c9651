-- trailhive query cloudtrail-tampering
SELECT event_time, event_name, trail, principal_arn, user_name, source_ip, aws_region, account_id, error_code, event_id
FROM (
  SELECT
    eventtime AS event_time,
    eventname AS event_name,
    coalesce(get_json_object(requestparameters, '$.name'), get_json_object(requestparameters, '$.trailName')) AS trail,
    useridentity.arn AS principal_arn,
    useridentity.username AS user_name,
    sourceipaddress AS source_ip,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    errorcode AS error_code,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventsource = 'cloudtrail.amazonaws.com'
    AND eventname IN ('StopLogging', 'DeleteTrail', 'UpdateTrail', 'PutEventSelectors')
) tampering
ORDER BY event_time, event_id;
