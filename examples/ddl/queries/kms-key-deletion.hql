-- trailhive query kms-key-deletion
SELECT event_time, event_name, key_id, pending_window_days, deletion_date, principal_arn, user_name, source_ip, aws_region, account_id, error_code, event_id
FROM (
  SELECT
    eventtime AS event_time,
    eventname AS event_name,
    get_json_object(requestparameters, '$.keyId') AS key_id,
    get_json_object(requestparameters, '$.pendingWindowInDays') AS pending_window_days,
    get_json_object(responseelements, '$.deletionDate') AS deletion_date,
    useridentity.arn AS principal_arn,
    useridentity.username AS user_name,
    sourceipaddress AS source_ip,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    errorcode AS error_code,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventsource = 'kms.amazonaws.com'
    AND eventname IN ('ScheduleKeyDeletion', 'DisableKey')
) kms
ORDER BY event_time, event_id;
