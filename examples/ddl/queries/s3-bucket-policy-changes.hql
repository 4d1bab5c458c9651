-- trailhive query s3-bucket-policy-changes
SELECT event_time, event_name, bucket, principal_arn, user_name, source_ip, aws_region, account_id, error_code, event_id
FROM (
  SELECT
    eventtime AS event_time,
    eventname AS event_name,
    get_json_object(requestparameters, '$.bucketName') AS bucket,
    useridentity.arn AS principal_arn,
    useridentity.username AS user_name,
    sourceipaddress AS source_ip,
    awsregion AS aws_region,
    recipientaccountid AS account_id,
    errorcode AS error_code,
    eventid AS event_id
  FROM cloudtrail
  WHERE eventsource = 's3.amazonaws.com'
    AND eventname IN ('PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketAcl', 'PutBucketPublicAccessBlock',
      'DeleteBucketPublicAccessBlock')
) policies
ORDER BY event_time, event_id;
